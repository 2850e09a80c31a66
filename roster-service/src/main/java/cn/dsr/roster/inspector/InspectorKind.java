package cn.dsr.roster.inspector;

public enum InspectorKind {
    /** 执法人员: holds an enforcement certificate (执法证) */
    OFFICER,
    /** 专家: e.g. from a monitoring station; joins inspections beside officers (000, 003) */
    EXPERT,
    /** 第三方: a contracted technical service body */
    THIRD_PARTY
}
