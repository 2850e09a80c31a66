package cn.dsr.draw.draw;

import static cn.dsr.draw.RosterFeed.entity;
import static cn.dsr.draw.draw.DrawLifecycleTest.planJson;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.DrawServiceTest;
import cn.dsr.draw.RosterFeed;
import cn.dsr.platform.events.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A city-sized draw through the API: 5,000 entities, 200 inspectors with conflicts, about 400
 * visits of two officers each. Not part of the suite (surefire runs *Test classes only):
 * {@code ./mvnw -B -ntp -pl draw-service verify -Dtest=CityDrawBenchmark}; it prints the time of
 * each step as the operator sees it, over three quarters' draws.
 */
class CityDrawBenchmark extends DrawServiceTest {

    static final String T = "411699";
    static final int ENTITIES = 5_000;
    static final int INSPECTORS = 200;

    @Test
    void a_city_sized_draw_with_inspector_matching() {
        Random r = new Random(5);
        List<Event> entities = new ArrayList<>();
        for (int n = 1; n <= ENTITIES; n++) entities.add(entity(T, uscc(T, n)).category("GENERAL").risk("LOW").revision(n).event());
        List<Event> inspectors = new ArrayList<>();
        for (int i = 1; i <= INSPECTORS; i++) {
            inspectors.add(RosterFeed.inspector(T, "执法员" + i, 1, r.nextBoolean() ? new String[] {"水", "大气"} : new String[] {"水"}));
        }
        List<Event> conflicts = new ArrayList<>();
        for (int c = 0; c < 300; c++) {
            conflicts.add(RosterFeed.conflict(T, "执法员" + (1 + r.nextInt(INSPECTORS)), uscc(T, 1 + r.nextInt(ENTITIES)), "APPROVED",
                    ENTITIES + 10));
        }
        long fed = System.nanoTime();
        send(RosterFeed.ENTITIES, entities);
        send(RosterFeed.INSPECTORS, inspectors);
        send(RosterFeed.CONFLICTS, conflicts);
        send(RosterFeed.ITEMS, List.of(RosterFeed.item(T, "废水排放检查", YEAR, ENTITIES + 20, "水")));
        awaitCount("SELECT count(*) FROM replica_item WHERE tenant = '" + T + "'", 1);
        for (int waited = 0; db.countAsOwner("SELECT count(*) FROM replica_entity WHERE tenant = '" + T + "'") < ENTITIES
                && waited < 600; waited++) {
            sleep(500);
        }
        awaitCount("SELECT count(*) FROM replica_inspector WHERE tenant = '" + T + "'", INSPECTORS);
        System.out.printf("replica filled in %d ms (not part of the draw)%n", (System.nanoTime() - fed) / 1_000_000);

        String strata = "[{\"category\":\"GENERAL\",\"ratioBp\":800}]";
        String[] quarters = {"Q2", "Q3", "Q4"};
        for (String q : quarters) {
            String plan = plan(operator(T), planJson(T, YEAR + q, "废水排放检查", strata, ",\"exclusions\":{\"annualCap\":0}"));
            long start = System.nanoTime();
            Draw draw = schedule(operator(T), YEAR + "-03-27", plan);
            long scheduled = System.nanoTime();
            reveal(draw, head(T, "head-" + T));
            long revealed = System.nanoTime();
            execute(operator(T), draw.id());
            long executed = System.nanoTime();
            List<Visit> visits = visits(T, draw.id());
            assertThat(visits).hasSize(400).allSatisfy(v -> assertThat(v.inspectors()).hasSize(2));
            System.out.printf("%s%s: %d visits; schedule (freeze 5,000 entities + 200 inspectors, commit) %d ms,"
                            + " reveal (3 calls) %d ms, execute (entity draw + matching + store + event) %d ms%n",
                    YEAR, q, visits.size(), (scheduled - start) / 1_000_000, (revealed - scheduled) / 1_000_000,
                    (executed - revealed) / 1_000_000);
        }
    }
}
