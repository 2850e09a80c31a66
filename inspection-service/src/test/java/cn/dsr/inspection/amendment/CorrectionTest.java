package cn.dsr.inspection.amendment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.refusal.Violation;
import cn.dsr.inspection.amendment.Correction.Decision;
import cn.dsr.inspection.amendment.Correction.Status;
import cn.dsr.inspection.record.Conclusion;
import cn.dsr.inspection.record.FieldRecord;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CorrectionTest {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-20T16:00:00+08:00");

    static FieldRecord record(Conclusion conclusion) {
        return new FieldRecord(LocalDate.parse("2026-11-18"), null, List.of(), List.of(), conclusion, List.of(), null, null,
                List.of(), List.of(), null);
    }

    static Correction requestedBy(String who) {
        return new Correction(UUID.randomUUID(), "411622", "V-1", 1, record(Conclusion.UNREACHABLE), "检查对象误填", who, NOW, null);
    }

    @Test
    void a_correction_states_why_and_changes_something() {
        assertThat(Correction.requestProblems(" ", record(Conclusion.NO_PROBLEM), record(Conclusion.UNREACHABLE)))
                .extracting(Violation::field).containsExactly("reason");
        assertThat(Correction.requestProblems("误填", record(Conclusion.NO_PROBLEM), record(Conclusion.NO_PROBLEM)))
                .containsExactly(new Violation("record", "the correction changes nothing"));
    }

    @Test
    void a_head_approves_a_correction_requested_by_someone_else() {
        Decision decision = requestedBy("xh.inspector").decide(Status.APPROVED, "同意更正", "xh.head", NOW);
        assertThat(decision.outcome()).isEqualTo(Status.APPROVED);
        assertThat(decision.decidedBy()).isEqualTo("xh.head");
    }

    @Test
    void the_head_who_requested_a_correction_cannot_approve_it() {
        assertThatThrownBy(() -> requestedBy("xh.head").decide(Status.APPROVED, null, "xh.head", NOW))
                .isInstanceOf(Refused.class).extracting(e -> ((Refused) e).why()).isEqualTo(Refused.Why.FORBIDDEN);
    }

    @Test
    void a_decision_carries_the_heads_comment() {
        assertThatThrownBy(() -> requestedBy("xh.inspector").decide(Status.REJECTED, "", "xh.head", NOW))
                .isInstanceOf(Refused.class).hasMessageContaining("a rejection says why");
        assertThatThrownBy(() -> requestedBy("xh.inspector").decide(Status.APPROVED, null, "xh.head", NOW))
                .isInstanceOf(Refused.class).hasMessageContaining("comment");
    }

    @Test
    void a_correction_is_decided_once() {
        Correction c = requestedBy("xh.inspector");
        Correction decided = new Correction(c.correctionId(), c.tenant(), c.taskId(), 1, c.proposed(), c.reason(), c.requestedBy(),
                c.requestedAt(), c.decide(Status.REJECTED, "证据不足", "xh.head", NOW));
        assertThat(decided.status()).isEqualTo(Status.REJECTED);
        assertThatThrownBy(() -> decided.decide(Status.APPROVED, "同意", "xh.head2", NOW))
                .isInstanceOf(Refused.class).extracting(e -> ((Refused) e).why()).isEqualTo(Refused.Why.CONFLICT);
    }
}
