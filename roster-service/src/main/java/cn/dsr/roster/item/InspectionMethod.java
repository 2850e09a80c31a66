package cn.dsr.roster.item;

/** 检查方式. */
public enum InspectionMethod {
    /** 现场检查 */
    ON_SITE,
    /** 书面检查 */
    WRITTEN,
    /** 网络检查 */
    ONLINE,
    /** 非现场检查: monitoring data, drones (003, 004) */
    OFF_SITE
}
