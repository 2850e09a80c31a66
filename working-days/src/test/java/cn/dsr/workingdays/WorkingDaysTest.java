package cn.dsr.workingdays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    static final WorkingDays calendar = WorkingDays.official();

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void the_calendar_ships_the_published_years_2020_to_2026() {
        assertThat(calendar.years()).containsExactly(2020, 2021, 2022, 2023, 2024, 2025, 2026);
        assertThat(calendar.notice(2026).orElseThrow().papers()).containsExactly("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm");
    }

    @Test
    void an_ordinary_week_works_monday_to_friday() {
        assertThat(calendar.isWorkingDay(date("2026-03-13"))).as("Friday").isTrue();
        assertThat(calendar.isWorkingDay(date("2026-03-14"))).as("Saturday").isFalse();
        assertThat(calendar.isWorkingDay(date("2026-03-15"))).as("Sunday").isFalse();
        assertThat(calendar.addWorkingDays(date("2026-03-13"), 1)).isEqualTo("2026-03-16");
    }

    @Nested
    class SpringFestival2026 {

        @Test
        void the_holiday_runs_from_15_to_23_february_with_makeup_saturdays_on_14_and_28_february() {
            assertThat(calendar.isWorkingDay(date("2026-02-14"))).as("调休 Saturday").isTrue();
            assertThat(calendar.isWorkingDay(date("2026-02-16"))).as("Monday of 春节").isFalse();
            assertThat(calendar.isWorkingDay(date("2026-02-23"))).as("last day, a Monday").isFalse();
            assertThat(calendar.isWorkingDay(date("2026-02-24"))).isTrue();
            assertThat(calendar.isWorkingDay(date("2026-02-28"))).as("调休 Saturday").isTrue();
        }

        @Test
        void seven_working_days_after_a_thursday_inspection_before_the_festival_end_on_the_makeup_saturday_of_28_february() {
            // 13 Feb, Sat 14 Feb, then 24–27 Feb, then Sat 28 Feb
            assertThat(calendar.addWorkingDays(date("2026-02-12"), 7)).isEqualTo("2026-02-28");
        }

        @Test
        void the_day_after_the_makeup_saturday_that_opens_the_festival_is_the_first_day_back() {
            assertThat(calendar.addWorkingDays(date("2026-02-13"), 1)).isEqualTo("2026-02-14");
            assertThat(calendar.addWorkingDays(date("2026-02-14"), 1)).isEqualTo("2026-02-24");
        }
    }

    @Nested
    class NationalDay {

        @Test
        void in_2026_mid_autumn_and_national_day_are_off_and_sunday_20_september_and_saturday_10_october_are_worked() {
            assertThat(calendar.isWorkingDay(date("2026-09-20"))).as("调休 Sunday").isTrue();
            assertThat(calendar.isWorkingDay(date("2026-09-25"))).as("中秋节 Friday").isFalse();
            assertThat(calendar.isWorkingDay(date("2026-10-07"))).as("国庆节 Wednesday").isFalse();
            assertThat(calendar.isWorkingDay(date("2026-10-10"))).as("调休 Saturday").isTrue();
        }

        @Test
        void seven_working_days_after_24_september_2026_skip_both_holidays_and_count_the_makeup_saturday() {
            // 28, 29, 30 Sep; 8, 9 Oct; Sat 10 Oct; Mon 12 Oct
            assertThat(calendar.addWorkingDays(date("2026-09-24"), 7)).isEqualTo("2026-10-12");
        }

        @Test
        void twenty_working_days_after_24_september_2026_fall_on_29_october() {
            assertThat(calendar.addWorkingDays(date("2026-09-24"), 20)).isEqualTo("2026-10-29");
        }

        @Test
        void in_2025_the_makeup_days_are_sunday_28_september_and_saturday_11_october() {
            assertThat(calendar.addWorkingDays(date("2025-09-26"), 7)).isEqualTo("2025-10-13");
        }
    }

    @Nested
    class YearBoundaries {

        @Test
        void the_first_working_day_of_2026_is_the_makeup_sunday_of_4_january() {
            assertThat(calendar.addWorkingDays(date("2025-12-31"), 1)).isEqualTo("2026-01-04");
        }

        @Test
        void the_2023_notice_reaches_back_to_saturday_31_december_2022() {
            assertThat(calendar.addWorkingDays(date("2022-12-30"), 1)).isEqualTo("2023-01-03");
        }

        @Test
        void counting_into_a_year_without_its_notice_is_an_error_never_a_guess() {
            assertThatThrownBy(() -> calendar.addWorkingDays(date("2026-12-20"), 20))
                    .isInstanceOf(UnknownYearException.class)
                    .hasMessageContaining("2027")
                    .extracting(e -> ((UnknownYearException) e).year()).isEqualTo(2027);
            assertThatThrownBy(() -> calendar.isWorkingDay(date("2019-06-03"))).isInstanceOf(UnknownYearException.class);
        }

        @Test
        void a_deadline_that_ends_before_the_unknown_year_still_counts() {
            assertThat(calendar.addWorkingDays(date("2026-11-20"), 20)).isEqualTo("2026-12-18");
        }
    }

    @Test
    void spring_festival_2020_was_extended_to_2_february_by_the_second_notice() {
        assertThat(calendar.isWorkingDay(date("2020-01-31"))).isFalse();
        assertThat(calendar.isWorkingDay(date("2020-02-03"))).isTrue();
    }

    @Test
    void counting_backwards_finds_the_last_five_working_days_of_a_quarter() {
        // 000: the next quarter's draw happens within the last 5 working days of the quarter
        assertThat(calendar.addWorkingDays(date("2026-10-01"), -5)).isEqualTo("2026-09-23");
    }

    @Test
    void working_days_between_is_the_inverse_of_adding_them() {
        LocalDate start = date("2026-01-30");
        for (int n : List.of(0, 1, 7, 20, 60)) {
            assertThat(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).isEqualTo(n);
        }
        assertThat(calendar.workingDaysBetween(date("2026-10-29"), date("2026-09-24"))).isEqualTo(-20);
        assertThat(calendar.addWorkingDays(date("2026-10-03"), 0)).as("zero days is the start itself").isEqualTo("2026-10-03");
    }

    @Nested
    class AtRunTime {

        /** A made-up notice for tests only: 2027's real notice is not in the data set. */
        static final HolidayNotice NOTICE_2027 = new HolidayNotice(2027, List.of("test"), List.of(
                new Adjustment(LocalDate.parse("2027-01-01"), true, "元旦"),
                new Adjustment(LocalDate.parse("2027-01-02"), true, "元旦"),
                new Adjustment(LocalDate.parse("2027-01-03"), true, "元旦")));

        @Test
        void an_administrator_adds_a_year_and_deadlines_can_cross_into_it() {
            WorkingDays with2027 = calendar.withNotice(NOTICE_2027);
            assertThat(with2027.years()).contains(2027);
            assertThat(with2027.addWorkingDays(date("2026-12-31"), 1)).isEqualTo("2027-01-04");
            assertThat(calendar.years()).as("the shipped calendar is untouched").doesNotContain(2027);
        }

        @Test
        void an_administrator_fixes_one_day_of_a_known_year() {
            WorkingDays fixed = calendar.withDay(new Adjustment(date("2026-12-31"), true, "临时调整"));
            assertThat(fixed.isWorkingDay(date("2026-12-31"))).isFalse();
            assertThat(fixed.adjustmentsIn(2026)).last().isEqualTo(new Adjustment(date("2026-12-31"), true, "临时调整"));
        }

        @Test
        void a_day_of_an_unknown_year_cannot_be_fixed_before_its_notice_is_added() {
            assertThatThrownBy(() -> calendar.withDay(new Adjustment(date("2027-02-06"), false, "春节")))
                    .isInstanceOf(UnknownYearException.class);
        }

        @Test
        void a_newer_notice_for_the_year_supersedes_the_days_fixed_by_hand() {
            WorkingDays fixed = calendar.withNotice(NOTICE_2027).withDay(new Adjustment(date("2027-01-04"), true, "元旦"));
            assertThat(fixed.isWorkingDay(date("2027-01-04"))).isFalse();
            assertThat(fixed.withNotice(NOTICE_2027).isWorkingDay(date("2027-01-04"))).isTrue();
        }
    }
}
