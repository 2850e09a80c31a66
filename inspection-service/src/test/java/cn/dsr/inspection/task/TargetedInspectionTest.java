package cn.dsr.inspection.task;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.platform.refusal.Violation;
import cn.dsr.inspection.task.Task.Entity;
import cn.dsr.inspection.task.Task.VisitItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetedInspectionTest {

    static final Entity PLANT = new Entity("91411622MA44AB1X2K", "西华县某化工有限公司", null, null, null);
    static final List<VisitItem> ITEMS = List.of(new VisitItem(null, "ITEM-AIR", "大气污染防治设施运行"));

    @Test
    void a_complaint_checked_on_site_by_two_officers_becomes_a_task_kept_out_of_random_statistics() {
        TargetedInspection complaint = new TargetedInspection(TargetedReason.COMPLAINT, "12369 举报 No. 2026-1102", PLANT, Method.ON_SITE,
                ITEMS, List.of(Visits.ZHANG, Visits.LI));
        assertThat(complaint.problems()).isEmpty();
        Task task = complaint.toTask("T-1", "411622");
        assertThat(task.random()).isFalse();
        assertThat(task.drawId()).isNull();
        assertThat(task.entity().district()).isEqualTo("411622");
        assertThat(task.periodEnd()).isEmpty();
    }

    @Test
    void the_reason_a_valid_credit_code_items_and_two_officers_are_required() {
        TargetedInspection bad = new TargetedInspection(null, null, new Entity("123", "x", null, null, null), Method.ON_SITE,
                List.of(), List.of(Visits.ZHANG, Visits.WANG));
        assertThat(bad.problems()).extracting(Violation::field).containsExactly("reason", "entity.uscc", "items", "team");
    }
}
