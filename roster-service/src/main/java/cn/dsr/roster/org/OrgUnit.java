package cn.dsr.roster.org;

/** An org unit as stored and as published in its state event. */
public record OrgUnit(String code, String name, OrgUnitKind kind, String parentCode, String tenant, String status) {}
