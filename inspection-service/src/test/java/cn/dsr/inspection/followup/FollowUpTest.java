package cn.dsr.inspection.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.refusal.Violation;
import cn.dsr.inspection.followup.FollowUp.CaseOpening;
import cn.dsr.inspection.followup.FollowUp.Transfer;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FollowUpTest {

    static final LocalDate INSPECTED = LocalDate.parse("2026-10-15");
    static final LocalDate TODAY = LocalDate.parse("2026-11-20");

    @Test
    void a_case_has_a_number_and_is_opened_after_the_inspection() {
        assertThat(new CaseOpening("西环立字〔2026〕12号", LocalDate.parse("2026-10-20")).problems(INSPECTED, TODAY)).isEmpty();
        assertThat(new CaseOpening("", LocalDate.parse("2026-10-01")).problems(INSPECTED, TODAY))
                .extracting(Violation::field).containsExactly("caseNumber", "openedOn");
    }

    @Test
    void a_transfer_names_the_receiving_organ_and_the_reason() {
        Transfer toPolice = new Transfer(TransferTarget.JUDICIAL_ORGAN, "西华县公安局", LocalDate.parse("2026-11-02"),
                "涉嫌非法处置危险废物三吨以上", "西环移〔2026〕3号");
        assertThat(toPolice.problems(INSPECTED, TODAY)).isEmpty();
        assertThat(new Transfer(null, " ", null, null, null).problems(INSPECTED, TODAY)).extracting(Violation::field)
                .containsExactly("target", "receivingOrgan", "reason", "transferredOn");
    }

    @Test
    void only_a_visit_that_found_a_problem_has_a_follow_up() {
        assertThatThrownBy(() -> FollowUp.requireProblemFound(false)).isInstanceOf(Refused.class);
        FollowUp.requireProblemFound(true);
    }
}
