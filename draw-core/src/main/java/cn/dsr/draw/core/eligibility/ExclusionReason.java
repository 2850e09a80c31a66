package cn.dsr.draw.core.eligibility;

/**
 * Why a candidate is left out of an on-site draw. When several apply, the first in this order
 * is recorded, so a record names one reason per entity.
 */
public enum ExclusionReason {
    /** Supervised off-site (非现场监管): flagged off-site, or on the positive list 正面清单 when the rules send it off-site. */
    OFF_SITE,
    /** Checked this year by a higher level with no problem found, and the rules exclude such entities (004). */
    HIGHER_LEVEL_CHECKED,
    /** Already drawn as often this year as the annual cap allows; special-category entities are exempt (002). */
    ANNUAL_CAP
}
