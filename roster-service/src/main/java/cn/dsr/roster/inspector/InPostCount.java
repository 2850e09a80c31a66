package cn.dsr.roster.inspector;

import java.time.Instant;

/**
 * 在编在岗人数: set each January (001) and the base of the 1:N ratio rules (e.g. annual general
 * checks ≥ in-post × 5). A stated figure, not a count of the roster: staff on the roster may be
 * on loan, and the figure is fixed for the year.
 */
public record InPostCount(String tenant, int year, int count, String reason, String setBy, Instant setAt, long rosterRevision) {}
