package cn.dsr.roster.entity;

import static cn.dsr.roster.entity.SupervisionCategory.GENERAL;
import static cn.dsr.roster.entity.SupervisionCategory.KEY;
import static cn.dsr.roster.entity.SupervisionCategory.SPECIAL;

import cn.dsr.roster.entity.CategoryRules.Condition;
import cn.dsr.roster.entity.CategoryRules.Rule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The category rules of the seed plans, ready for a tenant to adopt or to copy and adjust.
 * "B 级以下" includes grade B: in Chinese legal drafting 以上/以下 include the named level.
 */
public final class CategoryPresets {

    private CategoryPresets() {}

    /** 阳城 2024 (002): key by list or permit; special by poor grade or record; general the rest. */
    public static final CategoryRules SEED_002 = new CategoryRules("seed-002", List.of(SPECIAL, KEY, GENERAL), GENERAL, List.of(
            rule("002-key-polluter-list", KEY, false, Tag.FLAG, Set.of("KEY_POLLUTER_LIST"), "重点排污单位名录企业"),
            rule("002-key-permit", KEY, false, Tag.PERMIT_CLASS, Set.of("KEY"), "排污许可重点管理企业"),
            rule("002-special-grade", SPECIAL, false, Tag.PERFORMANCE_GRADE, Set.of("B", "C", "D"), "重污染天气重点行业绩效分级 B 级以下"),
            rule("002-special-record", SPECIAL, false, Tag.FLAG,
                    Set.of("SUPERVISED_LISTING", "EXCEEDANCE_NOTICE", "PENALISED", "COMPLAINT_VERIFIED"),
                    "挂牌督办、因超标排放被通报、受到行政处罚或被群众举报查实"),
            rule("002-general-positive-list", GENERAL, false, Tag.POSITIVE_LIST, Set.of("true"), "生态环境监督执法正面清单内企业"),
            rule("002-general-grade-a", GENERAL, false, Tag.PERFORMANCE_GRADE, Set.of("A"), "重污染天气重点行业绩效分级 A 级")));

    /**
     * 秦皇岛 2024 (003): the conditions of 002 (003 refers to the provincial ones without listing
     * them), but "重点监管对象指定条件与特殊监管对象或一般监管对象指定条件相冲突的，应分别以特殊监管对象和一般监管对象的指定条件为准",
     * and positive-list entities are supervised off-site (对正面清单企业采用非现场监管方式).
     */
    public static final CategoryRules SEED_003 = new CategoryRules("seed-003", List.of(SPECIAL, GENERAL, KEY), GENERAL, List.of(
            rule("003-key-polluter-list", KEY, false, Tag.FLAG, Set.of("KEY_POLLUTER_LIST"), "重点排污单位名录企业"),
            rule("003-key-permit", KEY, false, Tag.PERMIT_CLASS, Set.of("KEY"), "排污许可重点管理"),
            rule("003-special-grade", SPECIAL, false, Tag.PERFORMANCE_GRADE, Set.of("B", "C", "D"), "重污染天气重点行业绩效分级 B 级以下"),
            rule("003-special-record", SPECIAL, false, Tag.FLAG,
                    Set.of("SUPERVISED_LISTING", "EXCEEDANCE_NOTICE", "PENALISED", "COMPLAINT_VERIFIED"),
                    "挂牌督办、超标通报、行政处罚或举报查实"),
            rule("003-general-positive-list", GENERAL, true, Tag.POSITIVE_LIST, Set.of("true"), "正面清单企业采用非现场监管方式"),
            rule("003-general-grade-a", GENERAL, false, Tag.PERFORMANCE_GRADE, Set.of("A"), "绩效分级 A 级")));

    /**
     * 鄂州 2022 (004): key by permit, record or low credit; general by simplified or registration
     * permit; "special" are high-credit and positive-list entities, supervised off-site. 004 does
     * not say which wins when key and special conditions meet; key does, since 004 aims to cover
     * every key entity each year while off-site supervision is only "尽量".
     */
    public static final CategoryRules SEED_004 = new CategoryRules("seed-004", List.of(KEY, SPECIAL, GENERAL), GENERAL, List.of(
            rule("004-key-permit", KEY, false, Tag.PERMIT_CLASS, Set.of("KEY"), "排污许可证重点监管单位"),
            rule("004-key-record", KEY, false, Tag.FLAG, Set.of("LAST_YEAR_VIOLATION", "REPEAT_COMPLAINTS", "UNSTABLE_COMPLIANCE"),
                    "上年度存在生态环境违法问题、群众重复投诉、不能稳定达标"),
            rule("004-key-low-credit", KEY, false, Tag.CREDIT_RATING, Set.of("WARNING", "BAD"), "信用评价等级低"),
            rule("004-special-high-credit", SPECIAL, true, Tag.CREDIT_RATING, Set.of("TRUSTWORTHY"), "信用评价等级高，尽量采取非现场监管方式"),
            rule("004-special-positive-list", SPECIAL, true, Tag.POSITIVE_LIST, Set.of("true"), "纳入正面清单，尽量采取非现场监管方式"),
            rule("004-general-permit", GENERAL, false, Tag.PERMIT_CLASS, Set.of("SIMPLIFIED", "REGISTRATION"), "排污许可证简化管理单位、登记管理单位")));

    /** Tenants that chose nothing yet use 002, the seed that spells out every condition. */
    public static final CategoryRules DEFAULT = SEED_002;

    private static final Map<String, CategoryRules> BY_NAME = Map.of(
            SEED_002.name(), SEED_002, SEED_003.name(), SEED_003, SEED_004.name(), SEED_004);

    public static Optional<CategoryRules> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static List<CategoryRules> all() {
        return List.of(SEED_002, SEED_003, SEED_004);
    }

    private static Rule rule(String name, SupervisionCategory category, boolean offSite, Tag tag, Set<String> anyOf, String basis) {
        return new Rule(name, category, offSite, List.of(new Condition(tag, anyOf)), basis);
    }
}
