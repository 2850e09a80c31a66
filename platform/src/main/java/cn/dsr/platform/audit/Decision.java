package cn.dsr.platform.audit;

/** What became of a request, as the audit trail records it. */
public enum Decision {
    /** Served (2xx/3xx). */
    ALLOWED,
    /** Refused for who the caller is: 401 or 403. */
    DENIED,
    /** Turned down for what was asked (invalid, not found, conflict) or failed. */
    REFUSED;

    public static Decision of(int status) {
        if (status == 401 || status == 403) return DENIED;
        return status < 400 ? ALLOWED : REFUSED;
    }
}
