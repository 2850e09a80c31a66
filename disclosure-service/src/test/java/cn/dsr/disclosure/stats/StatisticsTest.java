package cn.dsr.disclosure.stats;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.disclosure.result.Conclusion;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Figures of two districts of 周口市 on a small dataset counted by hand. */
class StatisticsTest {

    static final String XH = "411622", SS = "411623", Q = "2026Q2";
    static final LocalDate DUE = LocalDate.of(2026, 5, 21), TODAY = LocalDate.of(2026, 6, 30);

    static final List<Facts.Entity> ENTITIES = List.of(
            new Facts.Entity(XH, "KEY", true), new Facts.Entity(XH, "KEY", true), new Facts.Entity(XH, "GENERAL", true),
            new Facts.Entity(XH, "SPECIAL", true), new Facts.Entity(XH, "GENERAL", false),
            new Facts.Entity(SS, "GENERAL", true));
    static final List<Facts.Plan> PLANS = List.of(new Facts.Plan(XH, Q, 4), new Facts.Plan(XH, "2026Q1", 9), new Facts.Plan(SS, Q, 1));
    static final List<Facts.Visit> VISITS = List.of(
            new Facts.Visit("V1", XH, Q, true, false), new Facts.Visit("V2", XH, Q, false, true),
            new Facts.Visit("V3", XH, Q, false, true), new Facts.Visit("V4", XH, Q, false, false),
            new Facts.Visit("V5", SS, Q, true, true));
    static final List<Facts.Result> RESULTS = List.of(
            // on time, published on time
            new Facts.Result("V1", XH, Q, Conclusion.NO_PROBLEM, true, false, DUE, DUE.minusDays(3)),
            // entered late, problem, published late
            new Facts.Result("V2", XH, Q, Conclusion.RECTIFICATION_ORDERED, false, false, DUE, DUE.plusDays(1)),
            // national secret: counted, withheld, not overdue
            new Facts.Result("V3", XH, Q, Conclusion.CASE_OPENED, true, true, DUE, null),
            new Facts.Result("V5", SS, Q, Conclusion.NO_PROBLEM, true, false, DUE, null));

    @Test
    void a_districts_quarter_is_counted_from_its_own_facts() {
        Figures f = Statistics.of(XH, XH::equals, Q, ENTITIES, PLANS, VISITS, RESULTS, TODAY);
        assertThat(f.keyEntities()).isEqualTo(2);
        assertThat(f.specialEntities()).isEqualTo(1);
        assertThat(f.generalEntities()).as("the closed entity is not counted").isEqualTo(1);
        assertThat(f.planned()).isEqualTo(4);
        assertThat(f.drawn()).isEqualTo(4);
        assertThat(f.inspected()).isEqualTo(3);
        assertThat(f.inspectedOnTime()).isEqualTo(2);
        assertThat(f.problemsFound()).isEqualTo(2);
        assertThat(f.problemRate()).isEqualByComparingTo(new BigDecimal("66.7"));
        assertThat(f.withheld()).isEqualTo(1);
        assertThat(f.disclosed()).isEqualTo(2);
        assertThat(f.disclosureRate()).as("a withheld record is out of the denominator").isEqualByComparingTo("100.0");
        assertThat(f.disclosedOnTime()).isEqualTo(1);
        assertThat(f.disclosureTimeliness()).isEqualByComparingTo("50.0");
        assertThat(f.jointVisits()).isEqualTo(1);
        assertThat(f.jointShare()).isEqualByComparingTo("25.0");
        assertThat(f.creditRiskVisits()).isEqualTo(2);
        assertThat(f.creditRiskShare()).isEqualByComparingTo("50.0");
        assertThat(f.overdueDisclosures()).as("published a day late").isEqualTo(1);
    }

    @Test
    void an_unpublished_result_past_its_due_date_is_overdue() {
        Figures f = Statistics.of(SS, SS::equals, Q, ENTITIES, PLANS, VISITS, RESULTS, TODAY);
        assertThat(f.disclosed()).isZero();
        assertThat(f.disclosureRate()).isEqualByComparingTo("0.0");
        assertThat(f.disclosureTimeliness()).as("nothing published, no timeliness").isNull();
        assertThat(f.overdueDisclosures()).isEqualTo(1);
        assertThat(Statistics.of(SS, SS::equals, Q, ENTITIES, PLANS, VISITS, RESULTS, DUE).overdueDisclosures())
                .as("not overdue on its due date").isZero();
    }

    @Test
    void the_city_view_adds_up_its_districts() {
        Figures city = Statistics.of("411600", d -> d.startsWith("4116"), Q, ENTITIES, PLANS, VISITS, RESULTS, TODAY);
        assertThat(city.planned()).isEqualTo(5);
        assertThat(city.drawn()).isEqualTo(5);
        assertThat(city.inspected()).isEqualTo(4);
        assertThat(city.disclosed()).isEqualTo(2);
        assertThat(city.disclosureRate()).isEqualByComparingTo("66.7");
        assertThat(city.jointShare()).isEqualByComparingTo("40.0");
        assertThat(city.overdueDisclosures()).isEqualTo(2);
    }
}
