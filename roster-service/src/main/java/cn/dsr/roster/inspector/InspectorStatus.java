package cn.dsr.roster.inspector;

public enum InspectorStatus {
    /** 在岗 */
    IN_POST,
    /** 休假 / 病假 */
    LEAVE,
    /** 调离 */
    TRANSFERRED,
    /** 退休 */
    RETIRED
}
