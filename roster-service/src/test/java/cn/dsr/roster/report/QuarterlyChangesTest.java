package cn.dsr.roster.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.roster.entity.CategoryPresets;
import cn.dsr.roster.entity.EntityDraft;
import cn.dsr.roster.entity.EntityState;
import cn.dsr.roster.entity.EntityStatus;
import cn.dsr.roster.entity.EntityTags;
import cn.dsr.roster.entity.PermitClass;
import cn.dsr.platform.refusal.Refused;
import cn.dsr.roster.entity.SupervisionCategory;
import cn.dsr.roster.entity.UsccSamples;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QuarterlyChangesTest {

    static final Quarter Q2 = new Quarter(2024, 2);

    static EntityState entity(UUID id, int n, EntityStatus status, PermitClass permit, boolean positiveList) {
        EntityTags tags = new EntityTags(permit, Set.of(), Set.of(), null, null, null, positiveList, Set.of());
        return EntityState.of(id, "411622", new EntityDraft(UsccSamples.nth("411622", n), "公司" + n, "某地", "411622", null, null,
                status, null, tags), CategoryPresets.SEED_002, null);
    }

    static Map<UUID, EntityState> map(EntityState... states) {
        return Stream.of(states).collect(Collectors.toMap(EntityState::id, Function.identity()));
    }

    @Test
    void a_quarter_runs_from_its_first_day_to_the_next_quarter_in_china_time() {
        assertThat(Q2.firstDay()).isEqualTo(LocalDate.of(2024, 4, 1));
        assertThat(Q2.lastDay()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(Q2.start()).hasToString("2024-03-31T16:00:00Z");
        assertThat(Quarter.of(LocalDate.of(2024, 12, 31))).isEqualTo(new Quarter(2024, 4));
        assertThatThrownBy(() -> new Quarter(2024, 5)).isInstanceOf(Refused.class);
    }

    @Test
    void added_category_changed_closed_and_positive_list_changes_are_reported_per_district() {
        UUID added = UUID.randomUUID(), reclassified = UUID.randomUUID(), closed = UUID.randomUUID(), listed = UUID.randomUUID(),
                unlisted = UUID.randomUUID(), undone = UUID.randomUUID();
        Map<UUID, EntityState> start = map(
                entity(reclassified, 2, EntityStatus.ACTIVE, PermitClass.SIMPLIFIED, false),
                entity(closed, 3, EntityStatus.ACTIVE, null, false),
                entity(listed, 4, EntityStatus.ACTIVE, null, false),
                entity(unlisted, 5, EntityStatus.ACTIVE, null, true),
                entity(undone, 6, EntityStatus.ACTIVE, null, false));
        Map<UUID, EntityState> end = map(
                entity(added, 1, EntityStatus.ACTIVE, null, true),
                entity(reclassified, 2, EntityStatus.ACTIVE, PermitClass.KEY, false),
                entity(closed, 3, EntityStatus.CLOSED, null, false),
                entity(listed, 4, EntityStatus.ACTIVE, null, true),
                entity(unlisted, 5, EntityStatus.ACTIVE, null, false),
                entity(undone, 6, EntityStatus.ACTIVE, null, false));
        QuarterlyChanges report = QuarterlyChanges.compare(Q2, start, end);
        assertThat(report.districts()).singleElement().satisfies(d -> {
            assertThat(d.district()).isEqualTo("411622");
            assertThat(d.added()).extracting(QuarterlyChanges.Line::id).containsExactly(added);
            assertThat(d.categoryChanged()).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo(reclassified);
                assertThat(c.from()).isEqualTo(SupervisionCategory.GENERAL);
                assertThat(c.to()).isEqualTo(SupervisionCategory.KEY);
            });
            assertThat(d.closed()).extracting(QuarterlyChanges.Line::id).containsExactly(closed);
            assertThat(d.positiveListJoined()).extracting(QuarterlyChanges.Line::id).containsExactlyInAnyOrder(added, listed);
            assertThat(d.positiveListLeft()).extracting(QuarterlyChanges.Line::id).containsExactly(unlisted);
        });
    }

    @Test
    void a_quarter_without_changes_reports_no_district() {
        assertThat(QuarterlyChanges.compare(Q2, Map.of(), Map.of()).districts()).isEmpty();
    }
}
