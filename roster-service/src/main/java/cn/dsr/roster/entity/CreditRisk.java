package cn.dsr.roster.entity;

/** 企业信用风险分类 (seed 002): plans draw increasing ratios from low to high risk. */
public enum CreditRisk {
    /** 低风险 */
    LOW,
    /** 一般风险 */
    GENERAL,
    /** 较高风险 */
    HIGHER,
    /** 高风险 */
    HIGH
}
