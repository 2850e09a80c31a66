package cn.dsr.security;

import java.util.Map;
import java.util.Set;

/**
 * The authorization matrix in code: which roles may change what (docs/security.md renders it with
 * the tenant relations). Writes not listed here are for district staff and the city coordinator
 * only ({@link #STAFF}), so an endpoint added to a service is at once closed to inspectors and
 * auditors in these tests; an auditor changes nothing, anywhere. Reads listed in
 * {@link #AUDITOR_READS} are for auditors only. The services enforce the same rules in their own
 * code (CurrentUser.require and the checks beside each operation); this table is what the
 * function-level probes hold them to.
 */
public final class AuthorizationMatrix {

    static final String OPERATOR = "DISTRICT_OPERATOR";
    static final String HEAD = "DISTRICT_HEAD";
    static final String INSPECTOR = "INSPECTOR";
    static final String COORDINATOR = "CITY_COORDINATOR";

    /** The default for writes: the district's staff and the city coordinator. */
    public static final Set<String> STAFF = Set.of(OPERATOR, HEAD, COORDINATOR);

    /** Writes whose roles differ from {@link #STAFF}: approvals (分管领导) and an inspector's own field work. */
    public static final Map<String, Set<String>> WRITES = Map.ofEntries(
            // approvals: the head of the owning district, or the city coordinator
            Map.entry("POST /api/roster/conflicts/{id}/approve", Set.of(HEAD, COORDINATOR)),
            Map.entry("POST /api/roster/item-lists/{id}/publish", Set.of(HEAD, COORDINATOR)),
            Map.entry("PUT /api/roster/category-rules", Set.of(HEAD, COORDINATOR)),
            Map.entry("POST /api/inspection/corrections/{id}/approval", Set.of(HEAD)),
            Map.entry("POST /api/inspection/corrections/{id}/rejection", Set.of(HEAD)),
            Map.entry("POST /api/draw/draws/{id}/cancellation/approval", Set.of(HEAD, COORDINATOR)),
            Map.entry("PUT /api/inspection/settings", Set.of(HEAD, COORDINATOR)),
            // city-wide settings: the coordinator alone
            Map.entry("PUT /api/inspection/calendar/{year}", Set.of(COORDINATOR)),
            Map.entry("PUT /api/inspection/calendar/days/{date}", Set.of(COORDINATOR)),
            // an inspector's own work on their own tasks (and declaring their own conflicts, 回避)
            Map.entry("POST /api/roster/conflicts", Set.of(OPERATOR, HEAD, COORDINATOR, INSPECTOR)),
            Map.entry("POST /api/inspection/tasks/{taskId}/start", Set.of(OPERATOR, HEAD, INSPECTOR)),
            Map.entry("POST /api/inspection/tasks/{taskId}/record", Set.of(INSPECTOR)),
            Map.entry("POST /api/inspection/records/batch", Set.of(INSPECTOR)),
            Map.entry("POST /api/inspection/tasks/{taskId}/evidence", Set.of(OPERATOR, HEAD, INSPECTOR)),
            Map.entry("POST /api/inspection/tasks/{taskId}/corrections", Set.of(OPERATOR, HEAD, INSPECTOR)),
            Map.entry("POST /api/inspection/rectifications/{id}/progress", Set.of(OPERATOR, HEAD, INSPECTOR)),
            Map.entry("POST /api/inspection/rectifications/{id}/completion", Set.of(OPERATOR, HEAD, INSPECTOR)));

    /** Reads of the audit trails: auditors only. */
    public static final Set<String> AUDITOR_READS = Set.of(
            "GET /api/draw/access-log",
            "GET /api/roster/audit/decisions", "GET /api/draw/audit/decisions",
            "GET /api/inspection/audit/decisions", "GET /api/disclosure/audit/decisions");

    private AuthorizationMatrix() {}

    public static Set<String> writers(String operationKey) {
        return WRITES.getOrDefault(operationKey, STAFF);
    }
}
