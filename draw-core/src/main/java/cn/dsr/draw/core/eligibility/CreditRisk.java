package cn.dsr.draw.core.eligibility;

/** Credit-risk level 信用风险等级 (低 / 一般 / 较高 / 高风险), used to weight ratios by stratum. */
public enum CreditRisk {
    LOW,
    GENERAL,
    HIGHER,
    HIGH
}
