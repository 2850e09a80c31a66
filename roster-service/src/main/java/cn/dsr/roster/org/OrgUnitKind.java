package cn.dsr.roster.org;

public enum OrgUnitKind {
    /** 市生态环境综合行政执法支队 — the city detachment. */
    CITY,
    /** 分局 / 大队 — a district or county branch, a tenant of its own. */
    DISTRICT,
    /** 科室 / 股室 — a department inside a bureau. */
    DEPARTMENT
}
