package cn.dsr.draw.draw;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.core.draw.Selected;
import cn.dsr.draw.draw.FrozenPlan.FrozenItem;
import cn.dsr.draw.plan.PlanBody.InspectionMethod;
import cn.dsr.draw.plan.PlanBody.Joint;
import cn.dsr.draw.plan.PlanBody.JointKind;
import cn.dsr.draw.replica.ReplicatedEntity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 进一次门、查多项事: one visit per entity, whatever the number of plans that drew it. */
class VisitsTest {

    static final FrozenPlan GAS = new FrozenPlan("P1", InspectionMethod.WRITTEN, new Joint(JointKind.INTERNAL, "执法股", List.of("监测站")),
            2, 10_000, null, List.of(new FrozenItem("i1", "废气", List.of("大气"))), List.of());
    static final FrozenPlan WATER = new FrozenPlan("P2", InspectionMethod.ON_SITE, new Joint(JointKind.CROSS_AGENCY, "水利局", List.of("执法股")),
            2, 10_000, null, List.of(new FrozenItem("i2", "废水", List.of("水")), new FrozenItem("i3", "排污口", List.of())), List.of());
    static final Map<String, FrozenPlan> PLANS = Map.of("P1", GAS, "P2", WATER);

    static ReplicatedEntity entity(String uscc) {
        return new ReplicatedEntity("id", "411622", uscc, "企业" + uscc, "地址", "411622", "ACTIVE", null, null, "KEY", false, null,
                false, List.of(), 1);
    }

    @Test
    void an_entity_drawn_by_two_plans_is_one_visit_with_every_item_on_site_and_jointly() {
        List<Visit> visits = Visits.of("D", List.of(new Selected("P1/KEY", "A"), new Selected("P1/KEY", "B"), new Selected("P2/KEY", "A")),
                PLANS, Map.of("A", entity("A"), "B", entity("B")), Map.of());
        assertThat(visits).extracting(Visit::visitId).containsExactly("D-A", "D-B");
        Visit a = visits.get(0);
        assertThat(a.items()).extracting(Visit.Item::itemId).containsExactly("i1", "i2", "i3");
        assertThat(a.items()).extracting(Visit.Item::stratum).containsExactly("P1/KEY", "P2/KEY", "P2/KEY");
        assertThat(a.method()).as("the written check is done on the visit").isEqualTo("ON_SITE");
        assertThat(a.joint().initiating()).isEqualTo("执法股");
        assertThat(a.joint().cooperating()).containsExactly("监测站", "水利局");
        assertThat(a.joint().kind()).isEqualTo("CROSS_AGENCY");
        Visit b = visits.get(1);
        assertThat(b.method()).isEqualTo("WRITTEN");
        assertThat(b.joint().kind()).isEqualTo("INTERNAL");
        assertThat(b.inspectors()).isEmpty();
        assertThat(b.entity().name()).isEqualTo("企业B");
    }
}
