package cn.dsr.inspection.record;

import static cn.dsr.inspection.record.Finding.COMPLIANT;
import static cn.dsr.inspection.record.Finding.NOT_APPLICABLE;
import static cn.dsr.inspection.record.Finding.PROBLEM_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConclusionTest {

    @Test
    void no_problem_found_contradicts_an_item_with_a_problem() {
        assertThat(Conclusion.NO_PROBLEM.inconsistencyWith(List.of(COMPLIANT, PROBLEM_FOUND), List.of(Measure.ORDER_TO_RECTIFY))).isPresent();
        assertThat(Conclusion.NO_PROBLEM.inconsistencyWith(List.of(COMPLIANT, NOT_APPLICABLE), List.of())).isEmpty();
    }

    @Test
    void no_problem_found_comes_with_no_order_to_rectify_or_stop() {
        assertThat(Conclusion.NO_PROBLEM.inconsistencyWith(List.of(COMPLIANT), List.of(Measure.STOP_ORDER))).isPresent();
        assertThat(Conclusion.NO_PROBLEM.inconsistencyWith(List.of(COMPLIANT), List.of(Measure.EVIDENCE_TAKEN))).isEmpty();
    }

    @Test
    void rectification_ordered_and_case_opened_need_a_problem_found() {
        assertThat(Conclusion.RECTIFICATION_ORDERED.inconsistencyWith(List.of(COMPLIANT), List.of(Measure.ORDER_TO_RECTIFY))).isPresent();
        assertThat(Conclusion.CASE_OPENED.inconsistencyWith(List.of(COMPLIANT), List.of())).isPresent();
        assertThat(Conclusion.CASE_OPENED.inconsistencyWith(List.of(PROBLEM_FOUND), List.of(Measure.ORDER_TO_RECTIFY))).isEmpty();
    }

    @Test
    void an_entity_closed_or_unreachable_has_every_item_not_applicable_and_no_measures() {
        assertThat(Conclusion.UNREACHABLE.inconsistencyWith(List.of(NOT_APPLICABLE, NOT_APPLICABLE), List.of())).isEmpty();
        assertThat(Conclusion.UNREACHABLE.inconsistencyWith(List.of(NOT_APPLICABLE, COMPLIANT), List.of())).isPresent();
        assertThat(Conclusion.CLOSED_OR_NOT_OPERATING.inconsistencyWith(List.of(NOT_APPLICABLE), List.of(Measure.EVIDENCE_TAKEN))).isPresent();
    }

    @Test
    void the_published_wordings_are_those_of_seed_004() {
        assertThat(Conclusion.NO_PROBLEM.wording()).isEqualTo("未发现问题");
        assertThat(Conclusion.RECTIFICATION_ORDERED.wording()).isEqualTo("发现问题已责令整改");
        assertThat(Conclusion.CASE_OPENED.wording()).isEqualTo("发现违法行为已立案调查");
    }
}
