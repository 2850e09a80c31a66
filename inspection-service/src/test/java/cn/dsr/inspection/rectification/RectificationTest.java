package cn.dsr.inspection.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.refusal.Violation;
import cn.dsr.inspection.rectification.Rectification.Completion;
import cn.dsr.inspection.rectification.Rectification.Problem;
import cn.dsr.inspection.rectification.Rectification.Progress;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RectificationTest {

    static Rectification ordered(RectificationStatus status) {
        return new Rectification(UUID.randomUUID(), "411622", "V-1", UUID.randomUUID(),
                List.of(new Problem("ITEM-WASTE", "危废贮存间未设置识别标志", "固废法第七十七条")),
                LocalDate.parse("2026-06-10"), LocalDate.parse("2026-09-10"), status, null, null);
    }

    static final LocalDate TODAY = LocalDate.parse("2026-11-20");

    @Test
    void a_rectification_not_completed_after_its_deadline_is_overdue() {
        assertThat(ordered(RectificationStatus.IN_PROGRESS).overdue(TODAY)).isTrue();
        assertThat(ordered(RectificationStatus.COMPLETED).overdue(TODAY)).isFalse();
        assertThat(ordered(RectificationStatus.OPEN).overdue(LocalDate.parse("2026-09-10"))).as("due that day").isFalse();
    }

    @Test
    void past_the_deadline_a_progress_report_records_why_it_is_not_done() {
        Progress late = new Progress(LocalDate.parse("2026-10-08"), "设备已采购，正在安装", null, "xh.operator", null);
        assertThat(late.problems(ordered(RectificationStatus.OPEN), TODAY)).extracting(Violation::field).containsExactly("reason");
        Progress explained = new Progress(LocalDate.parse("2026-10-08"), "设备已采购，正在安装", "供货延迟", "xh.operator", null);
        assertThat(explained.problems(ordered(RectificationStatus.OPEN), TODAY)).isEmpty();
        Progress early = new Progress(LocalDate.parse("2026-07-01"), "已制定整改方案", null, "xh.operator", null);
        assertThat(early.problems(ordered(RectificationStatus.OPEN), TODAY)).as("within the deadline no reason is owed").isEmpty();
    }

    @Test
    void a_completion_is_proven_by_evidence() {
        Completion unproven = new Completion(LocalDate.parse("2026-08-01"), "已设置危废识别标志", List.of(), "xh.operator", null);
        assertThat(unproven.problems(ordered(RectificationStatus.OPEN), TODAY)).extracting(Violation::field).containsExactly("evidence");
        Completion proven = new Completion(LocalDate.parse("2026-08-01"), "已设置危废识别标志", List.of(UUID.randomUUID()), "xh.operator", null);
        assertThat(proven.problems(ordered(RectificationStatus.OPEN), TODAY)).isEmpty();
    }

    @Test
    void nothing_is_reported_before_it_was_ordered_or_ahead_of_today() {
        Completion early = new Completion(LocalDate.parse("2026-06-01"), "x", List.of(UUID.randomUUID()), "op", null);
        assertThat(early.problems(ordered(RectificationStatus.OPEN), TODAY)).extracting(Violation::field).containsExactly("completedOn");
        Progress future = new Progress(LocalDate.parse("2026-11-21"), "x", "y", "op", null);
        assertThat(future.problems(ordered(RectificationStatus.OPEN), TODAY)).extracting(Violation::field).containsExactly("reportedOn");
    }

    @Test
    void a_completed_rectification_takes_no_further_reports() {
        assertThatThrownBy(() -> ordered(RectificationStatus.COMPLETED).requireActive()).isInstanceOf(Refused.class);
        ordered(RectificationStatus.IN_PROGRESS).requireActive();
    }
}
