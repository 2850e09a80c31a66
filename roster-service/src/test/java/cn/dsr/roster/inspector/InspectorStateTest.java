package cn.dsr.roster.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.platform.refusal.Violation;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InspectorStateTest {

    static final LocalDate MAY_DAY = LocalDate.of(2024, 5, 6);

    static InspectorDraft officer(String certificate, LocalDate from, LocalDate until, InspectorStatus status) {
        return new InspectorDraft("李明", "411622", "411622-ZF", null, certificate, from, until, "科员", InspectorKind.OFFICER,
                Set.of("大气", "固废"), status, "411622", null);
    }

    static InspectorDraft expert(InspectorStatus status) {
        return new InspectorDraft("王芳", "411622", null, "周口市生态环境监测站", null, null, null, "高级工程师", InspectorKind.EXPERT,
                Set.of("辐射"), status, "411602", null);
    }

    @Test
    void an_officer_holds_an_enforcement_certificate_with_an_end_of_validity() {
        assertThat(officer(null, null, null, InspectorStatus.IN_POST).problems()).extracting(Violation::field).containsExactly("certificateNo");
        assertThat(officer("41162200123", LocalDate.of(2022, 1, 1), null, InspectorStatus.IN_POST).problems())
                .extracting(Violation::field).containsExactly("certificateValidUntil");
        assertThat(officer("41162200123", LocalDate.of(2022, 1, 1), LocalDate.of(2027, 12, 31), InspectorStatus.IN_POST).problems()).isEmpty();
    }

    @Test
    void an_expert_needs_no_certificate() {
        assertThat(expert(InspectorStatus.IN_POST).problems()).isEmpty();
    }

    @Test
    void a_certificate_that_ends_before_it_begins_or_a_foreign_department_is_refused() {
        InspectorDraft d = new InspectorDraft("李明", "411622", "411623-ZF", null, "41162200123", LocalDate.of(2025, 1, 1),
                LocalDate.of(2024, 1, 1), null, InspectorKind.OFFICER, Set.of(), InspectorStatus.IN_POST, "4116", null);
        assertThat(d.problems()).extracting(Violation::field).containsExactly("department", "certificateValidUntil", "homeDistrict");
    }

    @Test
    void an_officer_may_inspect_only_in_post_and_within_the_certificate_validity() {
        InspectorState valid = InspectorState.of(UUID.randomUUID(), "411622",
                officer("41162200123", LocalDate.of(2022, 1, 1), LocalDate.of(2024, 5, 6), InspectorStatus.IN_POST));
        assertThat(valid.availableOn(MAY_DAY)).isTrue();
        assertThat(valid.availableOn(MAY_DAY.plusDays(1))).as("expired the day before").isFalse();
        assertThat(valid.availableOn(LocalDate.of(2021, 12, 31))).as("not yet valid").isFalse();
        InspectorState onLeave = InspectorState.of(UUID.randomUUID(), "411622",
                officer("41162200124", null, LocalDate.of(2027, 1, 1), InspectorStatus.LEAVE));
        assertThat(onLeave.availableOn(MAY_DAY)).isFalse();
    }

    @Test
    void an_expert_in_post_may_join_without_a_certificate() {
        assertThat(InspectorState.of(UUID.randomUUID(), "411622", expert(InspectorStatus.IN_POST)).availableOn(MAY_DAY)).isTrue();
        assertThat(InspectorState.of(UUID.randomUUID(), "411622", expert(InspectorStatus.RETIRED)).availableOn(MAY_DAY)).isFalse();
    }
}
