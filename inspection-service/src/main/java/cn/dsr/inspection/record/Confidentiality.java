package cn.dsr.inspection.record;

/** What the published result withholds (000, 004); a national secret withholds the whole record. */
public enum Confidentiality {
    COMMERCIAL_SECRET, PERSONAL_PRIVACY, NATIONAL_SECRET
}
