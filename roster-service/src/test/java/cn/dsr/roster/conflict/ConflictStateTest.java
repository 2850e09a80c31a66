package cn.dsr.roster.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.platform.refusal.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConflictStateTest {

    static final Instant NOW = Instant.parse("2024-03-01T02:00:00Z");

    static ConflictState declared(LocalDate from, LocalDate until) {
        return ConflictState.declare(UUID.randomUUID(), "411622",
                new ConflictDraft(UUID.randomUUID(), UUID.randomUUID(), Relation.RELATIVE, "配偶任该公司财务", from, until), "op.411622", NOW);
    }

    @Test
    void a_declared_conflict_binds_from_its_first_to_its_last_day() {
        ConflictState c = declared(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 12, 31));
        assertThat(c.bindsOn(LocalDate.of(2024, 2, 29))).isFalse();
        assertThat(c.bindsOn(LocalDate.of(2024, 3, 1))).isTrue();
        assertThat(c.bindsOn(LocalDate.of(2024, 12, 31))).isTrue();
        assertThat(c.bindsOn(LocalDate.of(2025, 1, 1))).isFalse();
        assertThat(declared(LocalDate.of(2024, 3, 1), null).bindsOn(LocalDate.of(2030, 1, 1))).as("open-ended").isTrue();
    }

    @Test
    void the_head_approves_but_not_the_declarer() {
        ConflictState c = declared(LocalDate.of(2024, 3, 1), null);
        assertThatThrownBy(() -> c.approve("op.411622", NOW)).hasMessageContaining("declarer");
        ConflictState approved = c.approve("head.411622", NOW);
        assertThat(approved.status()).isEqualTo(ConflictStatus.APPROVED);
        assertThat(approved.approvedBy()).isEqualTo("head.411622");
        assertThatThrownBy(() -> approved.approve("head2", NOW)).hasMessageContaining("only a declared");
    }

    @Test
    void a_revoked_conflict_binds_no_more_and_keeps_who_declared_and_approved_it() {
        ConflictState revoked = declared(LocalDate.of(2024, 3, 1), null).approve("head.411622", NOW).revoke("head.411622", NOW, "已离婚");
        assertThat(revoked.bindsOn(LocalDate.of(2024, 6, 1))).isFalse();
        assertThat(revoked.declaredBy()).isEqualTo("op.411622");
        assertThat(revoked.approvedBy()).isEqualTo("head.411622");
        assertThat(revoked.revokeReason()).isEqualTo("已离婚");
        assertThatThrownBy(() -> revoked.revoke("x", NOW, "again")).hasMessageContaining("already");
    }

    @Test
    void an_other_relation_says_what_it_is_and_validity_must_not_end_before_it_begins() {
        ConflictDraft d = new ConflictDraft(UUID.randomUUID(), UUID.randomUUID(), Relation.OTHER, " ", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 2, 1));
        assertThat(d.problems()).extracting(Violation::field).containsExactly("note", "validUntil");
    }
}
