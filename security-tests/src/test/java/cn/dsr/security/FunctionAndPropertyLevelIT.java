package cn.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.security.ApiDescription.Operation;
import cn.dsr.stack.client.Uscc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Function level: a role calls what the authorization matrix does not give it (an inspector or an
 * auditor calling operator and head endpoints, an operator approving) on its own tenant's real
 * objects. Property level (mass assignment): bodies that try to set the tenant, the status, audit
 * fields and ids the server owns. Both: no success. And the refusals are in the audit trail.
 */
class FunctionAndPropertyLevelIT {

    /**
     * Fields a client never sets, with values no legitimate request could produce (a tenant no caller
     * has, a status no workflow has): a request naming them is refused or has them ignored.
     */
    static final Map<String, String> SERVER_OWNED = Map.ofEntries(
            Map.entry("tenant", "411799"), Map.entry("status", "ARCHIVED"), Map.entry("id", "00000000-0000-4000-8000-0000000000aa"),
            Map.entry("createdBy", "attacker"), Map.entry("declaredBy", "attacker"), Map.entry("approvedBy", "attacker"),
            Map.entry("publishedBy", "attacker"), Map.entry("submittedBy", "attacker"), Map.entry("createdAt", "2000-01-01T00:00:00Z"),
            Map.entry("approvedAt", "2000-01-01T00:00:00Z"), Map.entry("version", "999"), Map.entry("rosterRevision", "999"),
            Map.entry("level", "NATIONAL"));

    @Test
    void no_role_succeeds_at_an_operation_the_matrix_does_not_give_it() throws Exception {
        Fixtures fixtures = Fixtures.get();
        List<Operation> ops = ApiDescription.operations().stream().filter(op -> !op.publicPath()).toList();
        AtomicLong attempts = new AtomicLong();
        ConcurrentLinkedQueue<String> successes = new ConcurrentLinkedQueue<>();
        List<Runnable> probes = new ArrayList<>();
        for (Operation op : ops) {
            Set<String> allowed = op.write() ? AuthorizationMatrix.writers(op.key())
                    : AuthorizationMatrix.AUDITOR_READS.contains(op.key()) ? Set.of("AUDITOR") : null;
            if (allowed == null) continue;
            for (Caller caller : Caller.ALL) {
                if (allowed.contains(caller.role())) continue;
                String path = ownPath(fixtures, op, caller);
                if (path == null) continue;
                probes.add(() -> {
                    Http.Reply reply = send(fixtures, op, caller, path, Map.of());
                    attempts.incrementAndGet();
                    if (reply.accepted()) successes.add(caller + " (" + caller.role() + ") " + op.method() + " " + path + " → " + reply);
                });
            }
        }
        Parallel.run(probes, 5);
        StringBuilder report = new StringBuilder("# Function-level probes\n\n").append(attempts).append(" calls by roles the matrix ")
                .append("(security-tests AuthorizationMatrix) does not allow, on their own tenant's objects; successes: ")
                .append(successes.size()).append('\n');
        successes.forEach(s -> report.append("- ").append(s).append('\n'));
        Report.write("function-level.md", report.toString());
        assertThat(attempts.get()).as("function-level probes").isGreaterThan(100);
        assertThat(successes).isEmpty();

        auditTrailShowsTheRefusalsToAuditorsOnly();
    }

    void auditTrailShowsTheRefusalsToAuditorsOnly() {
        Http.Reply denied = Http.get(Caller.named("xh.auditor"), "/api/roster/audit/decisions?decision=DENIED&limit=1000");
        assertThat(denied.status()).as(denied.toString()).isEqualTo(200);
        List<String> who = new ArrayList<>();
        denied.json().forEach(e -> {
            assertThat(e.get("tenant").asString()).isEqualTo("411622");
            assertThat(e.get("decision").asString()).isEqualTo("DENIED");
            who.add(e.get("username").asString());
        });
        assertThat(who).as("the inspector's refused writes are recorded with who asked").contains("xh.inspector1");
        Http.Reply city = Http.get(Caller.named("city.auditor"), "/api/roster/audit/decisions?decision=DENIED&limit=1000");
        assertThat(city.json().findValuesAsString("tenant")).as("a city auditor sees the districts").contains("411622", "411623");
        assertThat(Http.get(Caller.named("xh.operator"), "/api/roster/audit/decisions").status()).isEqualTo(403);
        assertThat(Http.get(Caller.named("city.coord"), "/api/inspection/audit/decisions").status()).isEqualTo(403);
    }

    @Test
    void request_bodies_never_set_the_tenant_status_audit_fields_or_server_ids() throws Exception {
        Fixtures fixtures = Fixtures.get();
        AtomicLong attempts = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        ConcurrentLinkedQueue<String> successes = new ConcurrentLinkedQueue<>();
        List<Runnable> probes = new ArrayList<>();
        for (Operation op : ApiDescription.operations()) {
            if (!op.write() || op.publicPath() || op.bodySchema() == null || !op.bodyType().contains("json")) continue;
            Set<String> allowed = AuthorizationMatrix.writers(op.key());
            for (Caller caller : Caller.ALL) {
                if (!allowed.contains(caller.role())) continue;
                String path = ownPath(fixtures, op, caller);
                if (path == null) continue;
                probes.add(() -> {
                    Set<String> declared = declaredFields(op);
                    Map<String, String> injected = new java.util.LinkedHashMap<>(SERVER_OWNED);
                    injected.keySet().removeAll(declared);
                    Http.Reply reply = send(fixtures, op, caller, path, injected);
                    attempts.incrementAndGet();
                    if (!reply.ok()) return;
                    accepted.incrementAndGet();
                    JsonNode body = reply.json();
                    if (body == null || !body.isObject()) return;
                    injected.forEach((field, value) -> {
                        if (body.has(field) && body.get(field).asString("").equals(value)) {
                            successes.add(caller + " " + op.method() + " " + path + " set " + field + "=" + value);
                        }
                    });
                });
            }
        }
        Parallel.run(probes, 5);
        Report.write("mass-assignment.md", "# Property-level probes (mass assignment)\n\n" + attempts + " writes by allowed roles with "
                + "server-owned fields injected " + SERVER_OWNED.keySet() + "; " + accepted + " accepted (2xx) and checked; "
                + "fields taken over: " + successes.size() + "\n" + String.join("\n", successes) + "\n");
        assertThat(attempts.get()).isGreaterThan(20);
        assertThat(successes).isEmpty();
    }

    /** The well-formed fixtures a role-allowed user would send, with the server-owned fields added. */
    @Test
    void known_good_bodies_with_server_owned_fields_added_do_not_take_them_over() {
        Fixtures.get();
        Caller operator = Caller.named("xh.operator");
        Http.Reply entity = Http.json(operator, "POST", "/api/roster/entities", """
                {"uscc":"%s","name":"批量赋值测试公司","address":"西华县","district":"411622","status":"ACTIVE",
                 "tenant":"411623","id":"00000000-0000-4000-8000-0000000000bb","rosterRevision":999,"createdBy":"attacker"}"""
                .formatted(Uscc.of("411622", 99_000_001)));
        if (entity.ok()) {
            assertThat(entity.json().get("tenant").asString()).isEqualTo("411622");
            assertThat(entity.json().get("id").asString()).isNotEqualTo("00000000-0000-4000-8000-0000000000bb");
        } else {
            assertThat(entity.status()).as(entity.toString()).isBetween(400, 499);
        }
        Http.Reply list = Http.json(operator, "POST", "/api/roster/item-lists", """
                {"year":2031,"status":"PUBLISHED","tenant":"411623","publishedBy":"attacker"}""");
        if (list.ok()) {
            assertThat(list.json().get("status").asString()).isEqualTo("DRAFT");
            assertThat(list.json().get("tenant").asString()).isEqualTo("411622");
            assertThat(list.json().get("publishedBy").isNull()).isTrue();
        } else {
            assertThat(list.status()).as(list.toString()).isBetween(400, 499);
        }
    }

    private static Set<String> declaredFields(Operation op) {
        JsonNode schema = op.schemas().resolve(op.bodySchema());
        Set<String> names = new java.util.HashSet<>();
        if (schema != null) schema.path("properties").propertyNames().forEach(names::add);
        return names;
    }

    /** The path with the caller's own (or, for a city, its districts') real objects; null when there are none. */
    static String ownPath(Fixtures fixtures, Operation op, Caller caller) {
        if (op.pathParams().isEmpty()) return op.template() + Probes.query(op, caller.tenant());
        List<String> tenants = caller.cityLevel()
                ? TenantIsolationIT.OWNER_TENANTS.stream().filter(t -> t.startsWith(caller.tenant().substring(0, 4))).toList()
                : List.of(caller.tenant());
        for (String tenant : tenants) {
            for (Map<String, String> binding : fixtures.bindings(op, tenant)) {
                return Probes.fill(op.template(), binding) + Probes.query(op, tenant);
            }
        }
        Map<String, String> binding = new java.util.HashMap<>();
        for (ApiDescription.Param p : op.pathParams()) {
            switch (p.name()) {
                case "tenant", "district" -> binding.put(p.name(), caller.tenant());
                case "year" -> binding.put(p.name(), Fixtures.YEAR);
                case "date" -> binding.put(p.name(), "2026-06-01");
                default -> {
                    return null;
                }
            }
        }
        return Probes.fill(op.template(), binding) + Probes.query(op, caller.tenant());
    }

    static Http.Reply send(Fixtures fixtures, Operation op, Caller caller, String path, Map<String, String> injected) {
        if (!op.write()) return Http.get(caller, path);
        if (op.bodyType() != null && !op.bodyType().contains("json")) {
            return Http.send(caller.token(), op.method(), path, "text/csv", "uscc,name\n".getBytes(StandardCharsets.UTF_8), true);
        }
        String owner = caller.tenant();
        JsonNode body = op.bodySchema() == null ? null
                : Probes.body(op.bodySchema(), op.schemas(), owner, name -> TenantIsolationIT.idOf(fixtures, name, owner, "x"), 0);
        if (body instanceof ObjectNode object) injected.forEach(object::put);
        return Http.json(caller, op.method(), path, body == null ? "{}" : body.toString());
    }
}
