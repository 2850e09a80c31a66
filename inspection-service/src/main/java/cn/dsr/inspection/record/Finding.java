package cn.dsr.inspection.record;

/** The finding on one item of the visit. */
public enum Finding {
    COMPLIANT,       // 未发现问题
    PROBLEM_FOUND,   // 发现问题
    NOT_APPLICABLE   // 不涉及
}
