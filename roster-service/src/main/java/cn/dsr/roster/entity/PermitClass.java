package cn.dsr.roster.entity;

/** 排污许可管理类别 of the entity's pollutant discharge permit. */
public enum PermitClass {
    /** 重点管理 */
    KEY,
    /** 简化管理 */
    SIMPLIFIED,
    /** 登记管理 */
    REGISTRATION
}
