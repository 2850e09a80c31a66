package cn.dsr.workingdays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolidayNoticeTest {

    @Test
    void a_holiday_cn_file_reads_and_writes_back_to_the_same_notice() {
        HolidayNotice notice = WorkingDays.official().notice(2024).orElseThrow();
        assertThat(notice.days()).contains(new Adjustment(LocalDate.parse("2024-02-04"), false, "春节"));
        assertThat(HolidayNotice.read(notice.toJson())).isEqualTo(notice);
    }

    @Test
    void a_notice_lists_each_date_once_names_each_holiday_and_stays_near_its_year() {
        List<Adjustment> days = List.of(
                new Adjustment(LocalDate.parse("2027-10-01"), true, "国庆节"),
                new Adjustment(LocalDate.parse("2027-10-01"), true, "国庆节"),
                new Adjustment(LocalDate.parse("2029-01-01"), true, "元旦"),
                new Adjustment(LocalDate.parse("2027-05-01"), true, " "));
        assertThat(HolidayNotice.problems(2027, days)).extracting(HolidayNotice.Problem::field)
                .containsExactly("days[1].date", "days[2].date", "days[3].name");
        assertThat(HolidayNotice.problems(2027, List.of())).extracting(HolidayNotice.Problem::field).containsExactly("days");
        assertThatThrownBy(() -> new HolidayNotice(2027, List.of(), days)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("days[1].date");
    }

    @Test
    void a_document_that_is_not_in_the_holiday_cn_shape_is_refused() {
        assertThatThrownBy(() -> HolidayNotice.read("{\"year\":2027}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HolidayNotice.read("{\"year\":2027,\"days\":[{\"name\":\"元旦\",\"date\":\"2027-13-01\",\"isOffDay\":true}]}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("days[0].date");
        assertThatThrownBy(() -> HolidayNotice.read("not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
    }
}
