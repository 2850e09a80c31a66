package cn.dsr.roster.conflict;

/** Declared conflicts already bind the draw; approval records the head's review; revocation ends them. */
public enum ConflictStatus { DECLARED, APPROVED, REVOKED }
