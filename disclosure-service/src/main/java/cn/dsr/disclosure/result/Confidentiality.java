package cn.dsr.disclosure.result;

/**
 * Why parts of a record are withheld from the public (000, 004). Commercial secrets and personal
 * privacy narrow the published result; a national secret withholds the whole record.
 */
public enum Confidentiality {
    COMMERCIAL_SECRET, PERSONAL_PRIVACY, NATIONAL_SECRET
}
