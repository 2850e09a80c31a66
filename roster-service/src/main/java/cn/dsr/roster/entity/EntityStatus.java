package cn.dsr.roster.entity;

/** Registration status (登记状态); only active entities can be drawn. */
public enum EntityStatus {
    /** 在营 / 存续 */
    ACTIVE,
    /** 注销 */
    DEREGISTERED,
    /** 关闭 / 吊销 / 停产关停 */
    CLOSED
}
