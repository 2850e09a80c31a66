package cn.dsr.draw.core.eligibility;

/** Supervision category 监管类别; which entity falls in which is tenant configuration, decided upstream. */
public enum SupervisionCategory {
    /** 重点监管对象. */
    KEY,
    /** 特殊监管对象. */
    SPECIAL,
    /** 一般监管对象. */
    GENERAL
}
