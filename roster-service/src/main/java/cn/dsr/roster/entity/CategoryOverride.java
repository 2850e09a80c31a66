package cn.dsr.roster.entity;

import java.time.Instant;

/** A category set by hand (人工调整), which stands until removed; the reason is mandatory. */
public record CategoryOverride(SupervisionCategory category, boolean offSite, String reason, String by, Instant at) {}
