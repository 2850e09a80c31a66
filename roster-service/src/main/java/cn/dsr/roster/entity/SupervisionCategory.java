package cn.dsr.roster.entity;

/** 监管对象类别: the stratum an entity is drawn from; each has its own minimum ratio in a plan. */
public enum SupervisionCategory {
    /** 重点监管对象 */
    KEY,
    /** 特殊监管对象 */
    SPECIAL,
    /** 一般监管对象 */
    GENERAL
}
