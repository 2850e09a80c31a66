package cn.dsr.disclosure.result;

/** Where one version of a result stands in its publication. */
public enum PublicationState {
    /** Waiting for the bureau's review; published by the reviewer or, at the latest, on its due date. */
    AWAITING_REVIEW,
    /** The current public version. */
    PUBLISHED,
    /** Was public, replaced by a newer version; stays visible, marked as superseded. */
    SUPERSEDED,
    /** Was public until a newer version withheld the record as a national secret. */
    WITHDRAWN,
    /** A national secret: never public, only counted. */
    WITHHELD,
    /** Overtaken by a newer version before it was published; never public. */
    DISCARDED;

    public boolean visible() {
        return this == PUBLISHED || this == SUPERSEDED;
    }
}
