package cn.dsr.draw.plan;

/** draft → scheduled (inputs frozen, commitment published) → executed → closed (the period's inspections done). */
public enum PlanStatus { DRAFT, SCHEDULED, EXECUTED, CLOSED }
