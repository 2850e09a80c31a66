package cn.dsr.roster.entity;

import cn.dsr.platform.refusal.Violation;
import static cn.dsr.roster.entity.SupervisionCategory.GENERAL;
import static cn.dsr.roster.entity.SupervisionCategory.KEY;
import static cn.dsr.roster.entity.SupervisionCategory.SPECIAL;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.roster.entity.CategoryRules.Condition;
import cn.dsr.roster.entity.CategoryRules.Derivation;
import cn.dsr.roster.entity.CategoryRules.Rule;
import cn.dsr.roster.entity.EntityState.CategorySource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CategoryRulesTest {

    static EntityTags tags() {
        return EntityTags.NONE;
    }

    static EntityTags permit(PermitClass permit) {
        return with(tags(), permit, null, null, false, Set.of());
    }

    static EntityTags with(EntityTags t, PermitClass permit, PerformanceGrade grade, CreditRating rating, boolean positiveList, Set<Flag> flags) {
        return new EntityTags(permit != null ? permit : t.permitClass(), t.supervisionTypes(), t.pollutantKinds(),
                grade != null ? grade : t.performanceGrade(), rating != null ? rating : t.creditRating(), t.creditRisk(),
                positiveList || t.positiveList(), flags.isEmpty() ? t.flags() : flags);
    }

    @Test
    void every_preset_is_valid_data() {
        CategoryPresets.all().forEach(rules -> assertThat(rules.problems()).as(rules.name()).isEmpty());
    }

    @Nested
    class Seed002 {
        final CategoryRules rules = CategoryPresets.SEED_002;

        @Test
        void key_polluter_list_entities_are_key() {
            Derivation d = rules.derive(with(tags(), null, null, null, false, Set.of(Flag.KEY_POLLUTER_LIST)));
            assertThat(d.category()).isEqualTo(KEY);
            assertThat(d.rule()).isEqualTo("002-key-polluter-list");
        }

        @Test
        void key_permit_holders_are_key() {
            assertThat(rules.derive(permit(PermitClass.KEY)).rule()).isEqualTo("002-key-permit");
        }

        @ParameterizedTest
        @EnumSource(value = PerformanceGrade.class, names = {"B", "C", "D"})
        void performance_grade_b_or_below_is_special(PerformanceGrade grade) {
            Derivation d = rules.derive(with(tags(), null, grade, null, false, Set.of()));
            assertThat(d.category()).isEqualTo(SPECIAL);
            assertThat(d.explanation()).contains("PERFORMANCE_GRADE=" + grade).contains("B 级以下");
        }

        @ParameterizedTest
        @EnumSource(value = Flag.class, names = {"SUPERVISED_LISTING", "EXCEEDANCE_NOTICE", "PENALISED", "COMPLAINT_VERIFIED"})
        void listed_reported_penalised_or_complained_of_entities_are_special(Flag flag) {
            assertThat(rules.derive(with(tags(), null, null, null, false, Set.of(flag))).rule()).isEqualTo("002-special-record");
        }

        @Test
        void positive_list_and_grade_a_entities_are_general() {
            assertThat(rules.derive(with(tags(), null, null, null, true, Set.of())).rule()).isEqualTo("002-general-positive-list");
            assertThat(rules.derive(with(tags(), null, PerformanceGrade.A, null, false, Set.of())).rule()).isEqualTo("002-general-grade-a");
        }

        @Test
        void the_rest_is_general_by_default_and_says_so() {
            Derivation d = rules.derive(permit(PermitClass.SIMPLIFIED));
            assertThat(d.category()).isEqualTo(GENERAL);
            assertThat(d.rule()).isNull();
            assertThat(d.explanation()).contains("no rule").contains("其余");
        }

        @Test
        void special_conditions_outrank_key_ones() {
            Derivation d = rules.derive(with(permit(PermitClass.KEY), null, PerformanceGrade.C, null, false, Set.of()));
            assertThat(d.category()).isEqualTo(SPECIAL);
            assertThat(d.overruled()).containsExactly("002-key-permit");
        }

        @Test
        void key_outranks_general_in_002() {
            assertThat(rules.derive(with(permit(PermitClass.KEY), null, null, null, true, Set.of())).category()).isEqualTo(KEY);
        }
    }

    @Nested
    class Seed003 {
        final CategoryRules rules = CategoryPresets.SEED_003;

        @Test
        void special_and_general_conditions_win_over_key_conditions() {
            Derivation special = rules.derive(with(permit(PermitClass.KEY), null, PerformanceGrade.B, null, false, Set.of()));
            assertThat(special.category()).isEqualTo(SPECIAL);
            assertThat(special.overruled()).containsExactly("003-key-permit");

            Derivation general = rules.derive(with(permit(PermitClass.KEY), null, null, null, true, Set.of(Flag.KEY_POLLUTER_LIST)));
            assertThat(general.category()).isEqualTo(GENERAL);
            assertThat(general.overruled()).containsExactly("003-key-polluter-list", "003-key-permit");
            assertThat(general.explanation()).contains("overrules 003-key-polluter-list, 003-key-permit by precedence SPECIAL > GENERAL > KEY");
        }

        @Test
        void positive_list_entities_are_general_and_supervised_off_site() {
            Derivation d = rules.derive(with(tags(), null, null, null, true, Set.of()));
            assertThat(d.category()).isEqualTo(GENERAL);
            assertThat(d.offSite()).isTrue();
            assertThat(d.explanation()).contains("off-site");
        }

        @Test
        void special_wins_over_general() {
            Derivation d = rules.derive(with(tags(), null, null, null, true, Set.of(Flag.PENALISED)));
            assertThat(d.category()).isEqualTo(SPECIAL);
            assertThat(d.offSite()).isFalse();
        }

        @Test
        void a_key_permit_holder_without_other_conditions_is_key() {
            assertThat(rules.derive(permit(PermitClass.KEY)).category()).isEqualTo(KEY);
        }
    }

    @Nested
    class Seed004 {
        final CategoryRules rules = CategoryPresets.SEED_004;

        @Test
        void key_permit_holders_last_year_violators_repeat_complaints_and_low_credit_are_key() {
            assertThat(rules.derive(permit(PermitClass.KEY)).rule()).isEqualTo("004-key-permit");
            assertThat(rules.derive(with(tags(), null, null, null, false, Set.of(Flag.LAST_YEAR_VIOLATION))).rule()).isEqualTo("004-key-record");
            assertThat(rules.derive(with(tags(), null, null, null, false, Set.of(Flag.REPEAT_COMPLAINTS))).rule()).isEqualTo("004-key-record");
            assertThat(rules.derive(with(tags(), null, null, CreditRating.BAD, false, Set.of())).rule()).isEqualTo("004-key-low-credit");
        }

        @Test
        void simplified_and_registration_permits_are_general() {
            assertThat(rules.derive(permit(PermitClass.SIMPLIFIED)).rule()).isEqualTo("004-general-permit");
            assertThat(rules.derive(permit(PermitClass.REGISTRATION)).category()).isEqualTo(GENERAL);
        }

        @Test
        void high_credit_and_positive_list_entities_are_special_and_supervised_off_site() {
            Derivation credit = rules.derive(with(permit(PermitClass.SIMPLIFIED), null, null, CreditRating.TRUSTWORTHY, false, Set.of()));
            assertThat(credit.category()).isEqualTo(SPECIAL);
            assertThat(credit.offSite()).isTrue();
            Derivation positive = rules.derive(with(tags(), null, null, null, true, Set.of()));
            assertThat(positive.rule()).isEqualTo("004-special-positive-list");
            assertThat(positive.offSite()).isTrue();
        }

        @Test
        void a_key_permit_holder_on_the_positive_list_stays_key_and_on_site() {
            Derivation d = rules.derive(with(permit(PermitClass.KEY), null, null, null, true, Set.of()));
            assertThat(d.category()).isEqualTo(KEY);
            assertThat(d.offSite()).isFalse();
            assertThat(d.overruled()).containsExactly("004-special-positive-list");
        }
    }

    @Nested
    class TenantRules {

        @Test
        void a_rule_holds_only_when_all_of_its_conditions_hold() {
            CategoryRules radiation = new CategoryRules("radiation", List.of(KEY, SPECIAL, GENERAL), GENERAL, List.of(
                    new Rule("key-radiation-sources", KEY, false, List.of(
                            new Condition(Tag.SUPERVISION_TYPE, Set.of("辐射")),
                            new Condition(Tag.CREDIT_RISK, Set.of("HIGHER", "HIGH"))), "辐射且信用风险较高")));
            EntityTags radiationLowRisk = new EntityTags(null, Set.of("辐射"), Set.of(), null, null, CreditRisk.LOW, false, Set.of());
            EntityTags radiationHighRisk = new EntityTags(null, Set.of("辐射"), Set.of(), null, null, CreditRisk.HIGH, false, Set.of());
            assertThat(radiation.problems()).isEmpty();
            assertThat(radiation.derive(radiationLowRisk).category()).isEqualTo(GENERAL);
            assertThat(radiation.derive(radiationHighRisk).category()).isEqualTo(KEY);
            assertThat(radiation.derive(radiationHighRisk).explanation())
                    .contains("SUPERVISION_TYPE=辐射 and CREDIT_RISK=HIGH").contains("辐射且信用风险较高");
        }

        @Test
        void among_rules_of_the_winning_category_the_first_in_order_is_reported() {
            Derivation d = CategoryPresets.SEED_002.derive(with(permit(PermitClass.KEY), null, null, null, false, Set.of(Flag.KEY_POLLUTER_LIST)));
            assertThat(d.rule()).isEqualTo("002-key-polluter-list");
            assertThat(d.overruled()).isEmpty();
        }

        @Test
        void rules_with_gaps_are_refused_field_by_field() {
            CategoryRules bad = new CategoryRules("", List.of(KEY, KEY), null, List.of(
                    new Rule("a", KEY, false, List.of(new Condition(Tag.PERMIT_CLASS, Set.of("重点"))), null),
                    new Rule("a", SPECIAL, false, List.of(), null),
                    new Rule("b c", null, false, List.of(new Condition(Tag.FLAG, Set.of())), null)));
            assertThat(bad.problems()).extracting(Violation::field).containsExactly(
                    "name", "precedence", "otherwise",
                    "rules[0].when[0].anyOf",
                    "rules[1].name", "rules[1].when",
                    "rules[2].name", "rules[2].category", "rules[2].when[0].anyOf");
        }
    }

    @Nested
    class ManualOverride {

        final EntityDraft draft = new EntityDraft(UsccSamples.nth("411622", 7), "某化工有限公司", "西华县工业园区", "411622", null,
                "C2614", EntityStatus.ACTIVE, LocalDate.of(2015, 3, 1), permit(PermitClass.KEY));

        @Test
        void without_an_override_the_category_is_derived() {
            EntityState state = EntityState.of(UUID.randomUUID(), "411622", draft, CategoryPresets.SEED_002, null);
            assertThat(state.category()).isEqualTo(KEY);
            assertThat(state.categorySource()).isEqualTo(CategorySource.RULE);
        }

        @Test
        void an_override_replaces_the_category_and_keeps_the_reason_and_what_the_rules_say() {
            CategoryOverride override = new CategoryOverride(SPECIAL, false, "2024 年挂牌督办（市局通报第 3 号）", "xh.head", Instant.parse("2024-04-02T01:00:00Z"));
            EntityState state = EntityState.of(UUID.randomUUID(), "411622", draft, CategoryPresets.SEED_002, override);
            assertThat(state.category()).isEqualTo(SPECIAL);
            assertThat(state.categorySource()).isEqualTo(CategorySource.OVERRIDE);
            assertThat(state.categoryRule()).isEqualTo("002-key-permit");
            assertThat(state.categoryExplanation()).contains("set by hand to SPECIAL by xh.head").contains("挂牌督办").contains("the rules give KEY");
        }
    }
}
