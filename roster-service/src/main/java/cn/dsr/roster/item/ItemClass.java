package cn.dsr.roster.item;

/** 事项类别. */
public enum ItemClass {
    /** 一般检查事项 */
    GENERAL,
    /** 重点检查事项 */
    KEY
}
