package cn.dsr.inspection.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.platform.refusal.Refused;
import org.junit.jupiter.api.Test;

class TaskStateTest {

    @Test
    void a_task_goes_from_assigned_to_in_progress_to_submitted_to_amended() {
        assertThat(TaskState.ASSIGNED.start()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(TaskState.IN_PROGRESS.submit()).isEqualTo(TaskState.SUBMITTED);
        assertThat(TaskState.SUBMITTED.amend()).isEqualTo(TaskState.AMENDED);
        assertThat(TaskState.AMENDED.amend()).as("a record may be corrected again").isEqualTo(TaskState.AMENDED);
    }

    @Test
    void a_record_made_offline_is_submitted_straight_from_assigned() {
        assertThat(TaskState.ASSIGNED.submit()).isEqualTo(TaskState.SUBMITTED);
    }

    @Test
    void a_submitted_record_is_not_submitted_again_but_corrected() {
        assertThatThrownBy(TaskState.SUBMITTED::submit).isInstanceOf(Refused.class).hasMessageContaining("approved correction");
        assertThatThrownBy(TaskState.AMENDED::submit).isInstanceOf(Refused.class);
    }

    @Test
    void only_a_submitted_record_can_be_corrected() {
        assertThatThrownBy(TaskState.IN_PROGRESS::amend).isInstanceOf(Refused.class);
        assertThatThrownBy(TaskState.ASSIGNED::amend).isInstanceOf(Refused.class);
    }

    @Test
    void a_started_task_is_not_started_again() {
        assertThatThrownBy(TaskState.IN_PROGRESS::start).isInstanceOf(Refused.class);
    }

    @Test
    void the_visit_of_a_cancelled_draw_records_nothing() {
        assertThatThrownBy(TaskState.WITHDRAWN::submit).isInstanceOf(Refused.class).hasMessageContaining("withdrawn");
        assertThat(TaskState.WITHDRAWN.isOpen()).isFalse();
    }
}
