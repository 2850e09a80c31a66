package cn.dsr.inspection.record;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.platform.refusal.Violation;
import cn.dsr.inspection.task.Task;
import cn.dsr.inspection.task.Visits;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FieldRecordTest {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-20T16:00:00+08:00");
    static final LocalDate INSPECTED = LocalDate.parse("2026-11-20");
    static final Signature SIGNED = new Signature("赵经理", "环保负责人", OffsetDateTime.parse("2026-11-20T11:30:00+08:00"));
    static final Task VISIT = Visits.jointVisit();

    static List<ItemFinding> allCompliant() {
        return List.of(new ItemFinding("ITEM-WASTE", Finding.COMPLIANT, null, null),
                new ItemFinding("ITEM-AIR", Finding.COMPLIANT, null, null),
                new ItemFinding("ITEM-PERMIT", Finding.COMPLIANT, null, null));
    }

    static List<ItemFinding> wasteProblem() {
        return List.of(new ItemFinding("ITEM-WASTE", Finding.PROBLEM_FOUND, "危废贮存间未设置识别标志",
                        "《中华人民共和国固体废物污染环境防治法》第七十七条"),
                new ItemFinding("ITEM-AIR", Finding.COMPLIANT, null, null),
                new ItemFinding("ITEM-PERMIT", Finding.COMPLIANT, null, null));
    }

    static FieldRecord record(List<ItemFinding> findings, List<Measure> measures, Conclusion conclusion, List<String> present,
                              Signature signature, SignatureRefusal refusal) {
        return new FieldRecord(INSPECTED, null, findings, measures, conclusion, present, signature, refusal, List.of(), List.of(), null);
    }

    static FieldRecord clean() {
        return record(allCompliant(), List.of(), Conclusion.NO_PROBLEM, List.of("INS-ZHANG", "INS-LI"), SIGNED, null);
    }

    static List<String> fields(FieldRecord record) {
        return record.problems(VISIT, NOW).stream().map(Violation::field).toList();
    }

    @Test
    void a_complete_record_of_a_visit_without_problems_stands() {
        assertThat(clean().problems(VISIT, NOW)).isEmpty();
    }

    @Test
    void a_problem_found_with_an_order_to_rectify_stands() {
        FieldRecord record = record(wasteProblem(), List.of(Measure.ORDER_TO_RECTIFY, Measure.EVIDENCE_TAKEN),
                Conclusion.RECTIFICATION_ORDERED, List.of("INS-ZHANG", "INS-LI", "EXP-WANG"), SIGNED, null);
        assertThat(record.problems(VISIT, NOW)).isEmpty();
        assertThat(record.problems()).extracting(ItemFinding::itemId).containsExactly("ITEM-WASTE");
    }

    @Nested
    class Findings {

        @Test
        void every_item_of_the_visit_has_a_finding_once_even_when_two_plans_chose_it() {
            FieldRecord missing = record(allCompliant().subList(0, 2), List.of(), Conclusion.NO_PROBLEM, List.of("INS-ZHANG", "INS-LI"), SIGNED, null);
            assertThat(missing.problems(VISIT, NOW)).containsExactly(
                    new Violation("findings", "every item of the visit has a finding; missing: ITEM-PERMIT"));
        }

        @Test
        void an_item_not_on_the_visit_or_found_on_twice_is_refused() {
            List<ItemFinding> findings = new java.util.ArrayList<>(allCompliant());
            findings.add(new ItemFinding("ITEM-NOISE", Finding.COMPLIANT, null, null));
            findings.add(new ItemFinding("ITEM-AIR", Finding.COMPLIANT, null, null));
            assertThat(fields(record(findings, List.of(), Conclusion.NO_PROBLEM, List.of("INS-ZHANG", "INS-LI"), SIGNED, null)))
                    .containsExactly("findings[3].itemId", "findings[4].itemId");
        }

        @Test
        void a_problem_found_is_described_and_names_the_provision_it_breaches() {
            List<ItemFinding> findings = List.of(new ItemFinding("ITEM-WASTE", Finding.PROBLEM_FOUND, " ", null),
                    new ItemFinding("ITEM-AIR", null, null, null),
                    new ItemFinding("ITEM-PERMIT", Finding.COMPLIANT, null, null));
            assertThat(fields(record(findings, List.of(Measure.ORDER_TO_RECTIFY), Conclusion.RECTIFICATION_ORDERED,
                    List.of("INS-ZHANG", "INS-LI"), SIGNED, null)))
                    .containsExactly("findings[0].description", "findings[0].provision", "findings[1].finding");
        }
    }

    @Nested
    class ConclusionAndMeasures {

        @Test
        void no_problem_found_with_a_problem_finding_is_inconsistent() {
            FieldRecord record = record(wasteProblem(), List.of(Measure.ORDER_TO_RECTIFY), Conclusion.NO_PROBLEM,
                    List.of("INS-ZHANG", "INS-LI"), SIGNED, null);
            assertThat(fields(record)).containsExactly("conclusion");
        }

        @Test
        void a_problem_found_is_ordered_to_be_rectified() {
            FieldRecord record = record(wasteProblem(), List.of(Measure.EVIDENCE_TAKEN), Conclusion.CASE_OPENED,
                    List.of("INS-ZHANG", "INS-LI"), SIGNED, null);
            assertThat(fields(record)).containsExactly("measures");
        }

        @Test
        void the_conclusion_is_required() {
            assertThat(fields(record(allCompliant(), List.of(), null, List.of("INS-ZHANG", "INS-LI"), SIGNED, null))).containsExactly("conclusion");
        }
    }

    @Nested
    class InspectorsPresent {

        @Test
        void only_the_assigned_team_is_present() {
            FieldRecord record = record(allCompliant(), List.of(), Conclusion.NO_PROBLEM, List.of("INS-ZHANG", "INS-LI", "INS-ZHAO"), SIGNED, null);
            assertThat(record.problems(VISIT, NOW)).containsExactly(
                    new Violation("inspectorsPresent[2]", "INS-ZHAO is not on the team assigned to this visit"));
        }

        @Test
        void an_on_site_inspection_needs_two_officers_and_an_expert_does_not_count_as_one() {
            FieldRecord record = record(allCompliant(), List.of(), Conclusion.NO_PROBLEM, List.of("INS-ZHANG", "EXP-WANG"), SIGNED, null);
            assertThat(fields(record)).containsExactly("inspectorsPresent");
        }
    }

    @Nested
    class Signatures {

        @Test
        void the_entity_signs_or_its_refusal_is_recorded() {
            assertThat(fields(record(allCompliant(), List.of(), Conclusion.NO_PROBLEM, List.of("INS-ZHANG", "INS-LI"), null, null)))
                    .containsExactly("signature");
            FieldRecord refused = record(allCompliant(), List.of(), Conclusion.NO_PROBLEM, List.of("INS-ZHANG", "INS-LI"), null,
                    new SignatureRefusal("负责人拒绝签字，执法记录仪全程录像", null));
            assertThat(refused.problems(VISIT, NOW)).isEmpty();
        }

        @Test
        void not_both_signed_and_refused() {
            FieldRecord both = record(allCompliant(), List.of(), Conclusion.NO_PROBLEM, List.of("INS-ZHANG", "INS-LI"), SIGNED,
                    new SignatureRefusal("拒绝签字", null));
            assertThat(fields(both)).containsExactly("signatureRefused");
        }

        @Test
        void nobody_signs_for_an_entity_that_could_not_be_reached() {
            List<ItemFinding> none = allCompliant().stream().map(f -> new ItemFinding(f.itemId(), Finding.NOT_APPLICABLE, null, null)).toList();
            assertThat(record(none, List.of(), Conclusion.UNREACHABLE, List.of("INS-ZHANG", "INS-LI"), null, null).problems(VISIT, NOW)).isEmpty();
        }

        @Test
        void a_signature_names_signer_and_role_and_is_not_dated_before_the_inspection() {
            Signature early = new Signature(null, "", OffsetDateTime.parse("2026-11-19T10:00:00+08:00"));
            assertThat(fields(record(allCompliant(), List.of(), Conclusion.NO_PROBLEM, List.of("INS-ZHANG", "INS-LI"), early, null)))
                    .containsExactly("signature.signer", "signature.role", "signature.signedAt");
        }
    }

    @Test
    void an_inspection_in_the_future_or_a_record_stamped_ahead_of_the_clock_is_refused() {
        FieldRecord future = new FieldRecord(LocalDate.parse("2026-11-21"), null, allCompliant(), List.of(), Conclusion.NO_PROBLEM,
                List.of("INS-ZHANG", "INS-LI"), null, new SignatureRefusal("拒签", null), List.of(), List.of(), null);
        assertThat(fields(future)).contains("inspectionDate");
        FieldRecord ahead = new FieldRecord(INSPECTED, NOW.plusHours(1), allCompliant(), List.of(), Conclusion.NO_PROBLEM,
                List.of("INS-ZHANG", "INS-LI"), SIGNED, null, List.of(), List.of(), null);
        assertThat(fields(ahead)).containsExactly("recordedAt");
        FieldRecord skewed = new FieldRecord(INSPECTED, NOW.plusMinutes(3), allCompliant(), List.of(), Conclusion.NO_PROBLEM,
                List.of("INS-ZHANG", "INS-LI"), SIGNED, null, List.of(), List.of(), null);
        assertThat(skewed.problems(VISIT, NOW)).as("a device clock a little ahead").isEmpty();
    }

    @Test
    void evidence_is_listed_once() {
        UUID photo = UUID.randomUUID();
        FieldRecord twice = new FieldRecord(INSPECTED, null, allCompliant(), List.of(), Conclusion.NO_PROBLEM,
                List.of("INS-ZHANG", "INS-LI"), SIGNED, null, List.of(photo, photo), List.of(), null);
        assertThat(fields(twice)).containsExactly("evidence");
    }

    @Test
    void two_versions_say_the_same_whenever_they_were_written_down() {
        assertThat(clean().recordedAtIfUnset(NOW).sameContentAs(clean())).isTrue();
        assertThat(clean().sameContentAs(record(wasteProblem(), List.of(Measure.ORDER_TO_RECTIFY), Conclusion.RECTIFICATION_ORDERED,
                List.of("INS-ZHANG", "INS-LI"), SIGNED, null))).isFalse();
    }
}
