package cn.dsr.roster.entity;

/** 企业环境信用评价 result (《企业环境信用评价办法（试行）》). */
public enum CreditRating {
    /** 环保诚信企业 (green) — "信用评价等级高" in seed 004 */
    TRUSTWORTHY,
    /** 环保良好企业 (blue) */
    GOOD,
    /** 环保警示企业 (yellow) */
    WARNING,
    /** 环保不良企业 (red) */
    BAD
}
