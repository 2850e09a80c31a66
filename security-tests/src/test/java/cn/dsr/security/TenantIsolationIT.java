package cn.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.security.ApiDescription.Operation;
import cn.dsr.security.Caller.Relation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The tenant-isolation matrix: every endpoint of every service's OpenAPI document × every role ×
 * the tenant relations (own, the city's districts, sibling district, other city), addressing the
 * other tenant's real objects. A district never sees or changes a sibling's or another city's data.
 */
class TenantIsolationIT {

    static final List<String> OWNER_TENANTS = List.of("411600", "411622", "411623", "411700", "411721");

    record Attempt(Caller caller, String owner, Relation relation, Operation op, String path, boolean write) {}

    final Map<Relation, AtomicLong> attempts = new EnumMap<>(Relation.class);
    final Map<Relation, AtomicLong> served = new EnumMap<>(Relation.class);
    final ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();
    final Set<String> withoutRealIds = new java.util.concurrent.ConcurrentSkipListSet<>();

    @Test
    void no_caller_reaches_a_sibling_districts_or_another_citys_objects_through_any_endpoint() throws Exception {
        Fixtures fixtures = Fixtures.get();
        List<Operation> ops = ApiDescription.operations().stream().filter(op -> !op.publicPath()).toList();
        for (Relation r : Relation.values()) {
            attempts.put(r, new AtomicLong());
            served.put(r, new AtomicLong());
        }
        List<Attempt> plan = new ArrayList<>();
        for (Operation op : ops) {
            for (Caller caller : Caller.ALL) {
                for (String owner : OWNER_TENANTS) {
                    Relation relation = caller.relationTo(owner);
                    // writes go only against the walls: a write to one's own data would change the fixtures
                    if (op.write() && !relation.wall) continue;
                    Optional<String> path = path(fixtures, op, owner);
                    if (path.isEmpty()) {
                        withoutRealIds.add(op.key() + " (objects of " + owner + ")");
                        continue;
                    }
                    plan.add(new Attempt(caller, owner, relation, op, path.get() + Probes.query(op, owner), op.write()));
                }
            }
        }
        Parallel.run(plan.stream().<Runnable>map(a -> () -> probe(fixtures, a)).toList(), 5);

        long wallAttempts = attempts.entrySet().stream().filter(e -> e.getKey().wall).mapToLong(e -> e.getValue().get()).sum();
        StringBuilder report = new StringBuilder("# Tenant-isolation matrix\n\n")
                .append(ops.size()).append(" operations from the OpenAPI documents of ").append(ApiDescription.SERVICES)
                .append(" × ").append(Caller.ALL.size()).append(" callers × ").append(OWNER_TENANTS.size()).append(" owner tenants\n\n")
                .append("| relation | wall | attempts | 2xx | cross-tenant successes |\n|---|---|---|---|---|\n");
        Map<Relation, Long> leaksBy = new EnumMap<>(Relation.class);
        for (String leak : leaks) leaksBy.merge(Relation.valueOf(leak.substring(0, leak.indexOf(' '))), 1L, Long::sum);
        for (Relation r : Relation.values()) {
            report.append("| ").append(r).append(" | ").append(r.wall ? "yes" : "no").append(" | ").append(attempts.get(r))
                    .append(" | ").append(served.get(r)).append(" | ").append(leaksBy.getOrDefault(r, 0L)).append(" |\n");
        }
        report.append("\nattempts across a wall: ").append(wallAttempts).append("; requests throttled (429) and resent: ")
                .append(Http.throttled.get()).append('\n');
        report.append("\nobjects found per collection: ").append(new TreeMap<>(countPerCollection(fixtures))).append('\n');
        if (!fixtures.notes.isEmpty()) report.append("\nfixture notes: ").append(fixtures.notes).append('\n');
        report.append("\nnot probed for lack of a real id (").append(withoutRealIds.size()).append("):\n");
        withoutRealIds.forEach(w -> report.append("- ").append(w).append('\n'));
        report.append("\ncross-tenant successes (").append(leaks.size()).append("):\n");
        leaks.forEach(l -> report.append("- ").append(l).append('\n'));
        Report.write("tenant-isolation.md", report.toString());

        assertThat(wallAttempts).as("probes across the walls").isGreaterThan(500);
        assertThat(served.get(Relation.OWN).get()).as("own-tenant reads served: the matrix is not vacuous").isGreaterThan(50);
        assertThat(leaks).as("cross-tenant successes").isEmpty();
    }

    /** The check is not blind: what 商水 itself is shown of its objects would count as a leak if 西华 were shown it. */
    @Test
    void a_sibling_districts_object_in_an_answer_is_recognised_as_a_leak() {
        Fixtures fixtures = Fixtures.get();
        Caller shangshui = Caller.named("ss.operator");
        for (String collection : List.of("/api/roster/entities", "/api/roster/inspectors", "/api/inspection/tasks")) {
            Fixtures.Found own = fixtures.pool.get(collection).stream().filter(f -> f.tenant().equals("411623")).findFirst().orElseThrow();
            Http.Reply reply = Http.get(shangshui, collection + "/" + own.value(collection.endsWith("tasks") ? "taskId" : "id", collection).orElseThrow());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(wallIdsIn(fixtures, Caller.named("xh.operator"), reply.body())).as(collection).isNotEmpty();
            assertThat(wallIdsIn(fixtures, shangshui, reply.body())).isEmpty();
        }
    }

    private Optional<String> path(Fixtures fixtures, Operation op, String owner) {
        if (op.pathParams().isEmpty()) return Optional.of(op.template());
        List<Map<String, String>> bindings = fixtures.bindings(op, owner);
        Map<String, String> binding = bindings.isEmpty() ? new HashMap<>() : new HashMap<>(bindings.get(0));
        for (ApiDescription.Param p : op.pathParams()) {
            if (binding.containsKey(p.name())) continue;
            String value = switch (p.name()) {
                case "tenant", "district" -> owner;
                case "year" -> Fixtures.YEAR;
                case "date" -> "2026-06-01";
                // a value of that name on any of the owner's objects (a uscc); a bare "id" must be of the right kind
                default -> p.name().equals("id") ? null : fixtures.anyValue(p.name(), owner).orElse(null);
            };
            if (value == null) return Optional.empty();
            binding.put(p.name(), value);
        }
        return Optional.of(Probes.fill(op.template(), binding));
    }

    private void probe(Fixtures fixtures, Attempt a) {
        String owner = a.owner();
        String idFor = fixtures.owners.entrySet().stream().filter(e -> e.getValue().equals(owner)).map(Map.Entry::getKey).findFirst().orElse("x");
        Http.Reply reply;
        String sentBody = "";
        if (!a.write()) {
            reply = Http.get(a.caller(), a.path());
        } else if (a.op().bodyType() == null || a.op().bodyType().contains("json")) {
            JsonNode body = a.op().bodySchema() == null ? null
                    : Probes.body(a.op().bodySchema(), a.op().schemas(), owner, name -> idOf(fixtures, name, owner, idFor), 0);
            sentBody = body == null ? "{}" : body.toString();
            reply = Http.json(a.caller(), a.op().method(), a.path(), sentBody);
        } else {
            reply = Http.send(a.caller().token(), a.op().method(), a.path(), "text/csv",
                    "uscc,name\n".getBytes(StandardCharsets.UTF_8), true);
        }
        attempts.get(a.relation()).incrementAndGet();
        if (!reply.ok()) return;
        served.get(a.relation()).incrementAndGet();
        String leak = leak(fixtures, a, sentBody, reply);
        if (leak != null) leaks.add(a.relation() + " " + a.caller() + " " + a.op().method() + " " + a.path() + " → " + reply.status() + " " + leak);
    }

    /**
     * Why a served request crossed a wall, or null: it shows objects of a tenant behind a wall (other
     * than ids its own body sent); it answers with such a tenant's object; it changed an object
     * its path names behind a wall; or it created something that refers to objects behind one.
     */
    static String leak(Fixtures fixtures, Attempt a, String sentBody, Http.Reply reply) {
        Set<String> shown = wallIdsIn(fixtures, a.caller(), reply.body());
        // a batch answer repeats the ids it was sent; that shows nothing new
        shown.removeIf(id -> sentBody.contains(id.substring(0, id.indexOf('@'))));
        if (!shown.isEmpty()) return "showing " + shown;
        JsonNode json = reply.json();
        if (json != null && json.isObject() && json.has("tenant") && a.caller().relationTo(json.get("tenant").asString("")).wall) {
            return "answering with an object of " + json.get("tenant").asString();
        }
        if (!a.write() || !a.relation().wall) return null;
        boolean pathNamesWall = !wallIdsIn(fixtures, a.caller(), a.path()).isEmpty()
                || a.path().matches(".*/" + a.owner() + "(/.*|\\?.*)?$");
        if (pathNamesWall) return "changing what its path names";
        boolean refersToWall = !wallIdsIn(fixtures, a.caller(), sentBody).isEmpty();
        if (refersToWall && (reply.status() == 201 || reply.accepted())) return "creating a reference to " + wallIdsIn(fixtures, a.caller(), sentBody);
        return null;
    }

    /** A real object of {@code owner} for a reference field: {@code inspectorId} from the inspectors, and so on. */
    static String idOf(Fixtures fixtures, String field, String owner, String fallback) {
        String stem = field.replaceAll("Id$", "");
        for (Map.Entry<String, List<Fixtures.Found>> e : fixtures.pool.entrySet()) {
            String collection = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            if (!collection.startsWith(stem.length() > 4 ? stem.substring(0, stem.length() - 1) : stem)) continue;
            for (Fixtures.Found f : e.getValue()) {
                if (f.tenant().equals(owner) && f.element().has("id")) return f.element().get("id").asString();
            }
        }
        return fallback;
    }

    static Set<String> wallIdsIn(Fixtures fixtures, Caller caller, String body) {
        Set<String> seen = new LinkedHashSet<>();
        if (body == null || body.isEmpty()) return seen;
        fixtures.owners.forEach((id, tenant) -> {
            if (caller.relationTo(tenant).wall && body.contains(id)) seen.add(id + "@" + tenant);
        });
        return seen;
    }

    private static Map<String, Integer> countPerCollection(Fixtures fixtures) {
        Map<String, Integer> counts = new HashMap<>();
        fixtures.pool.forEach((k, v) -> counts.put(k, v.size()));
        return counts;
    }
}
