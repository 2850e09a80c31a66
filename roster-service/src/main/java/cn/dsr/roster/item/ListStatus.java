package cn.dsr.roster.item;

/** A version of the item list moves only forward: edited as a draft, frozen when published. */
public enum ListStatus { DRAFT, PUBLISHED, SUPERSEDED }
