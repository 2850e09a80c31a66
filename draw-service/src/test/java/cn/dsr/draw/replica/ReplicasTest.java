package cn.dsr.draw.replica;

import static cn.dsr.draw.RosterFeed.entity;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.DrawServiceTest;
import cn.dsr.draw.RosterFeed;
import cn.dsr.platform.events.Event;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The draw service's own copy of the roster and of inspection history, built from their events. */
class ReplicasTest extends DrawServiceTest {

    static Event orgUnit(String code, String name, String tenant, long revision) {
        return event("cn.gov.mee.dsr.roster.org-unit.state.v1", code, tenant, """
                {"code":"%s","name":"%s","kind":"DISTRICT","parentCode":"411600","tenant":"%s","status":"ACTIVE","rosterRevision":%d}"""
                .formatted(code, name, tenant, revision));
    }

    List<String> orgUnitNames(String tenant) {
        return get(operator(tenant), "/api/draw/replica/org-units").expectStatus().isOk()
                .expectBodyList(ReplicaController.ReplicatedOrgUnit.class).returnResult().getResponseBody()
                .stream().map(ReplicaController.ReplicatedOrgUnit::name).toList();
    }

    long revision(String tenant) {
        return get(operator(tenant), "/api/draw/replica/revisions").expectStatus().isOk()
                .expectBodyList(ReplicaController.TenantRevision.class).returnResult().getResponseBody()
                .stream().filter(r -> r.tenant().equals(tenant)).mapToLong(ReplicaController.TenantRevision::revision).findFirst().orElse(0);
    }

    @Test
    void an_older_org_unit_revision_never_overwrites_a_newer_one() {
        send("roster.org-units.v1", List.of(orgUnit("411625", "新名称", "411625", 2), orgUnit("411625", "旧名称", "411625", 1)));
        awaitCount("SELECT count(*) FROM replica_org_unit WHERE code = '411625' AND name = '新名称'", 1);
        sleep(1000); // give the stale event every chance to be (wrongly) applied
        assertThat(orgUnitNames("411625")).containsExactly("新名称");
    }

    @Test
    void each_tenant_sees_only_its_own_replica() {
        send("roster.org-units.v1", List.of(orgUnit("411626", "甲", "411626", 1), orgUnit("411627", "乙", "411627", 1)));
        awaitCount("SELECT count(*) FROM replica_org_unit WHERE code IN ('411626', '411627')", 2);
        assertThat(orgUnitNames("411626")).containsExactly("甲");
        assertThat(orgUnitNames("411627")).containsExactly("乙");
    }

    @Test
    void entity_states_replace_each_other_by_revision_and_the_tenant_revision_never_goes_back() {
        String t = "411631";
        String a = uscc(t, 1);
        send(RosterFeed.ENTITIES, List.of(
                entity(t, a).category("GENERAL").revision(5).event(),
                entity(t, a).category("KEY").risk("HIGH").supervises("水").industry("C2614").revision(7).event(),
                entity(t, a).category("SPECIAL").revision(6).event()));
        awaitCount("SELECT count(*) FROM replica_entity WHERE uscc = '" + a + "' AND roster_revision = 7", 1);
        sleep(1000); // give the stale revision 6, sent after 7, every chance to be (wrongly) applied
        List<ReplicatedEntity> seen = get(operator(t), "/api/draw/replica/entities").expectStatus().isOk()
                .expectBodyList(ReplicatedEntity.class).returnResult().getResponseBody();
        assertThat(seen).singleElement().satisfies(e -> {
            assertThat(e.category()).as("revision 6 arrived after 7 and changed nothing").isEqualTo("KEY");
            assertThat(e.creditRisk()).isEqualTo("HIGH");
            assertThat(e.labels()).containsExactly("水");
            assertThat(e.industry()).isEqualTo("C2614");
        });
        assertThat(revision(t)).isEqualTo(7);
    }

    @Test
    void items_inspectors_in_post_counts_and_conflicts_are_replicated_with_the_tenant_revision() {
        String t = "411632";
        send(RosterFeed.ITEMS, List.of(RosterFeed.item(t, "废气排放检查", YEAR, 3, "大气")));
        send(RosterFeed.INSPECTORS, List.of(RosterFeed.inspector(t, "张三", 4, "大气", "水")));
        send(RosterFeed.CONFLICTS, List.of(RosterFeed.conflict(t, "张三", uscc(t, 9), "APPROVED", 5)));
        send(RosterFeed.IN_POST_COUNTS, List.of(RosterFeed.inPostCount(t, YEAR, 12, 6), RosterFeed.inPostCount(t, YEAR, 10, 2)));
        awaitCount("SELECT count(*) FROM replica_item WHERE tenant = '" + t + "' AND 'ON_SITE' = ANY(methods) AND required_expertise = '{大气}'", 1);
        awaitCount("SELECT count(*) FROM replica_inspector WHERE tenant = '" + t + "' AND certificate_valid_until = '2029-12-31'", 1);
        awaitCount("SELECT count(*) FROM replica_conflict WHERE tenant = '" + t + "' AND status = 'APPROVED'", 1);
        awaitCount("SELECT count(*) FROM replica_in_post_count WHERE tenant = '" + t + "' AND roster_revision = 6", 1);
        sleep(1000);
        assertThat(db.countAsOwner("SELECT count FROM replica_in_post_count WHERE tenant = '" + t + "'"))
                .as("the count set at revision 2 arrived late and is ignored").isEqualTo(12);
        assertThat(revision(t)).isEqualTo(6);
    }

    @Test
    void inspection_history_keeps_the_latest_version_of_each_record_and_shows_a_district_its_citys_checks() {
        String district = "411633";
        String a = uscc(district, 1);
        LocalDate date = LocalDate.of(YEAR, 2, 10);
        send(RosterFeed.RECORDS, List.of(
                RosterFeed.inspection("411600", "task-411633-1", a, district, date, "RECTIFICATION_ORDERED", 1, "李四"),
                RosterFeed.inspection("411600", "task-411633-1", a, district, date, "NO_PROBLEM", 2, "李四", "王五"),
                RosterFeed.inspection("411600", "task-411633-1", a, district, date, "RECTIFICATION_ORDERED", 1, "李四")));
        awaitCount("SELECT count(*) FROM replica_inspection WHERE entity = '" + a + "' AND version = 2", 1);
        sleep(1000);
        assertThat(db.countAsOwner("SELECT count(*) FROM replica_inspection WHERE entity = '" + a
                + "' AND conclusion = 'NO_PROBLEM' AND higher_level AND NOT problem_found AND inspectors = '{李四,王五}'"))
                .as("the amendment stands; the redelivered first version changed nothing").isEqualTo(1);
        assertThat(db.countAsOwner("SELECT count(*) FROM replica_inspection WHERE task_id = 'task-411633-1'")).isEqualTo(1);
        RosterSnapshot.EntityHistory history = get(operator(district), "/api/draw/replica/history/" + a + "?year=" + YEAR)
                .expectStatus().isOk().expectBody(RosterSnapshot.EntityHistory.class).returnResult().getResponseBody();
        assertThat(history.inspections()).isEqualTo(1);
        assertThat(history.covered()).isTrue();
        assertThat(history.lastInspectors()).containsExactly("李四", "王五");
        assertThat(history.lastInspected()).isEqualTo(date);
        assertThat(history.checkedByHigherLevelWithoutProblem()).as("the city (411600) checked it and found nothing").isTrue();
        assertThat(history.timesDrawn()).isZero();
    }
}
