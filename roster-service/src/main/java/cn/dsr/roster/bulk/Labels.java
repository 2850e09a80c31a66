package cn.dsr.roster.bulk;

import cn.dsr.roster.entity.CreditRating;
import cn.dsr.roster.entity.CreditRisk;
import cn.dsr.roster.entity.EntityStatus;
import cn.dsr.roster.entity.Flag;
import cn.dsr.roster.entity.PerformanceGrade;
import cn.dsr.roster.entity.PermitClass;
import cn.dsr.roster.entity.SupervisionCategory;
import cn.dsr.roster.inspector.InspectorKind;
import cn.dsr.roster.inspector.InspectorStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Chinese words an office's spreadsheet uses for each coded value. Exports write them;
 * imports accept them, their common variants, and the codes themselves.
 */
final class Labels {

    private static final Map<Enum<?>, String[]> WORDS = new LinkedHashMap<>();

    static {
        words(EntityStatus.ACTIVE, "在营", "存续", "开业", "在业");
        words(EntityStatus.DEREGISTERED, "注销");
        words(EntityStatus.CLOSED, "关闭", "吊销", "关停");
        words(PermitClass.KEY, "重点管理");
        words(PermitClass.SIMPLIFIED, "简化管理");
        words(PermitClass.REGISTRATION, "登记管理");
        words(PerformanceGrade.A, "A级");
        words(PerformanceGrade.B, "B级");
        words(PerformanceGrade.C, "C级");
        words(PerformanceGrade.D, "D级");
        words(CreditRating.TRUSTWORTHY, "环保诚信", "诚信");
        words(CreditRating.GOOD, "环保良好", "良好");
        words(CreditRating.WARNING, "环保警示", "警示");
        words(CreditRating.BAD, "环保不良", "不良");
        words(CreditRisk.LOW, "低风险", "低");
        words(CreditRisk.GENERAL, "一般风险", "一般");
        words(CreditRisk.HIGHER, "较高风险", "较高");
        words(CreditRisk.HIGH, "高风险", "高");
        words(Flag.KEY_POLLUTER_LIST, "重点排污单位名录");
        words(Flag.SUPERVISED_LISTING, "挂牌督办");
        words(Flag.EXCEEDANCE_NOTICE, "超标通报");
        words(Flag.PENALISED, "行政处罚");
        words(Flag.COMPLAINT_VERIFIED, "举报查实");
        words(Flag.LAST_YEAR_VIOLATION, "上年度违法");
        words(Flag.REPEAT_COMPLAINTS, "重复投诉");
        words(Flag.UNSTABLE_COMPLIANCE, "不能稳定达标");
        words(SupervisionCategory.KEY, "重点");
        words(SupervisionCategory.SPECIAL, "特殊");
        words(SupervisionCategory.GENERAL, "一般");
        words(InspectorKind.OFFICER, "执法人员");
        words(InspectorKind.EXPERT, "专家");
        words(InspectorKind.THIRD_PARTY, "第三方");
        words(InspectorStatus.IN_POST, "在岗");
        words(InspectorStatus.LEAVE, "休假", "病假");
        words(InspectorStatus.TRANSFERRED, "调离");
        words(InspectorStatus.RETIRED, "退休");
    }

    private Labels() {}

    private static void words(Enum<?> value, String... words) {
        WORDS.put(value, words);
    }

    /** The word an export writes. */
    static String of(Enum<?> value) {
        if (value == null) return "";
        String[] words = WORDS.get(value);
        return words == null ? value.name() : words[0];
    }

    /** The value a cell names, by code or by word; null when it names none. */
    static <E extends Enum<E>> E parse(Class<E> type, String cell) {
        String wanted = cell.strip();
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(wanted)) return value;
            for (String word : WORDS.getOrDefault(value, new String[0])) {
                if (word.equals(wanted)) return value;
            }
        }
        return null;
    }

    /** The accepted words of a type, for error messages. */
    static String accepted(Class<? extends Enum<?>> type) {
        StringBuilder out = new StringBuilder();
        for (Enum<?> value : type.getEnumConstants()) {
            if (!out.isEmpty()) out.append(", ");
            out.append(of(value)).append(" (").append(value.name().toLowerCase(Locale.ROOT)).append(')');
        }
        return out.toString();
    }
}
