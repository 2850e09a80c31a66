package cn.dsr.roster.entity;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.outbox.Outbox;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.roster.RosterEvents;
import cn.dsr.roster.revision.RosterChanges;
import cn.dsr.roster.revision.RosterChanges.ChangeRecord;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The entity roster: every change goes through {@link #write}, which records it under the
 * tenant's next roster revision, stores the new state and puts its state event in the outbox —
 * all in the caller's transaction.
 */
@Service
public class EntityService {

    public static final String AGGREGATE = "entity";
    static final String RULES_AGGREGATE = "category-rules";
    public static final List<String> WRITERS = List.of(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR);

    private final TenantTx tx;
    private final Outbox outbox;
    private final RosterChanges changes;
    private final ChangeBatch batch;
    private final JsonMapper json;

    public EntityService(TenantTx tx, Outbox outbox, RosterChanges changes, ChangeBatch batch, JsonMapper json) {
        this.tx = tx;
        this.outbox = outbox;
        this.changes = changes;
        this.batch = batch;
        this.json = json;
    }

    /** A new state to write and the action that produced it. */
    public record Pending(EntityState state, String action) {}

    /** Filters of a roster listing; null means any. */
    public record Filter(String tenant, String district, EntityStatus status, SupervisionCategory category, String uscc) {
        public static final Filter ALL = new Filter(null, null, null, null, null);

        Predicate<EntityState> predicate() {
            return e -> (district == null || district.equals(e.district())) && (status == null || status == e.status())
                    && (category == null || category == e.category()) && (uscc == null || uscc.equals(e.uscc()));
        }
    }

    /** One entry of an entity's history (全程留痕). */
    /** The outcome of adopting category rules: how many entities changed category. */
    public record RulesAdopted(CategoryRules rules, int reclassified, long rosterRevision) {}

    public static LocalDate today() {
        return LocalDate.now(AsOf.CHINA);
    }

    public Mono<EntityState> create(CurrentUser user, EntityDraft draft, String reason) {
        requireWriter(user);
        Refused.unless(draft.problems(today()));
        return tx.inTenants(user.visibleTenants(), db -> tenantOf(db, draft.district())
                .flatMap(tenant -> requireUsccFree(db, tenant, draft.uscc(), null)
                        .then(rulesOf(db, tenant))
                        .flatMap(rules -> write(db, user, EntityState.of(UUID.randomUUID(), tenant, draft, rules, null), "CREATED", reason))));
    }

    public Mono<EntityState> update(CurrentUser user, UUID id, EntityDraft draft, String reason) {
        requireWriter(user);
        requireReason(reason);
        Refused.unless(draft.problems(today()));
        return tx.inTenants(user.visibleTenants(), db -> current(db, id).flatMap(before -> tenantOf(db, draft.district())
                .flatMap(tenant -> {
                    if (!tenant.equals(before.tenant())) {
                        return Mono.error(Refused.invalid("district", "lies in tenant " + tenant + ", the entity in " + before.tenant()
                                + ": close it there and add it here"));
                    }
                    return requireUsccFree(db, tenant, draft.uscc(), id)
                            .then(rulesOf(db, tenant))
                            .flatMap(rules -> writeIfChanged(db, user, before,
                                    EntityState.of(id, tenant, draft, rules, before.override()), "UPDATED", reason));
                })));
    }

    /** Sets the category by hand (人工调整); it stands until removed, whatever the rules say. */
    public Mono<EntityState> override(CurrentUser user, UUID id, SupervisionCategory category, boolean offSite, String reason) {
        requireWriter(user);
        requireReason(reason);
        if (category == null) throw Refused.invalid("category", "is required");
        return tx.inTenants(user.visibleTenants(), db -> current(db, id).flatMap(before -> rulesOf(db, before.tenant())
                .flatMap(rules -> write(db, user, EntityState.of(id, before.tenant(), before.draft(), rules,
                        new CategoryOverride(category, offSite, reason.strip(), user.username(), Instant.now())), "CATEGORY_OVERRIDDEN", reason))));
    }

    public Mono<EntityState> removeOverride(CurrentUser user, UUID id, String reason) {
        requireWriter(user);
        requireReason(reason);
        return tx.inTenants(user.visibleTenants(), db -> current(db, id).flatMap(before -> before.override() == null
                ? Mono.error(ProblemException.conflict("entity " + id + " has no category override"))
                : rulesOf(db, before.tenant()).flatMap(rules -> write(db, user,
                        EntityState.of(id, before.tenant(), before.draft(), rules, null), "CATEGORY_OVERRIDE_REMOVED", reason))));
    }

    public Flux<EntityState> list(CurrentUser user, Filter filter, AsOf asOf) {
        if (asOf.revision() != null && filter.tenant() == null && user.visibleTenants().size() > 1) {
            throw Refused.invalid("tenant", "a roster revision is counted per tenant: name the tenant to read as of a revision");
        }
        return tx.manyInTenants(user.visibleTenants(), db -> states(db, filter.tenant(), null, asOf)).filter(filter.predicate());
    }

    public Mono<EntityState> get(CurrentUser user, UUID id, AsOf asOf) {
        return tx.inTenants(user.visibleTenants(), db -> states(db, null, id, asOf).next())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound(asOf.isNow() ? "no entity " + id : "no entity " + id + " at that point")));
    }

    public Flux<ChangeRecord<EntityState>> history(CurrentUser user, UUID id) {
        return tx.manyInTenants(user.visibleTenants(), db -> changes.history(db, AGGREGATE, id.toString(),
                (row, revision) -> read(row).atRevision(revision)));
    }

    public Mono<CategoryRules> rules(CurrentUser user) {
        return tx.inTenants(user.visibleTenants(), db -> rulesOf(db, user.tenant()));
    }

    /**
     * Adopts category rules for the caller's tenant and reclassifies its entities under them;
     * each entity whose category changes is recorded and published like any other change.
     */
    public Mono<RulesAdopted> adopt(CurrentUser user, CategoryRules rules, String reason) {
        if (!user.hasAnyRole(List.of(Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR))) {
            throw ProblemException.forbidden("category rules are adopted by the district head or the city coordinator");
        }
        requireReason(reason);
        Refused.unless(rules.problems());
        String tenant = user.tenant();
        return tx.inTenants(user.visibleTenants(), db -> db.sql("""
                        INSERT INTO category_rule_set (tenant, rules, updated_by) VALUES (:tenant, :rules, :by)
                        ON CONFLICT (tenant) DO UPDATE SET rules = EXCLUDED.rules, updated_by = EXCLUDED.updated_by, updated_at = now()""")
                .bind("tenant", tenant).bind("rules", Json.of(json.writeValueAsBytes(rules))).bind("by", user.username())
                .then()
                .then(changes.record(db, new RosterChanges.Change(tenant, RULES_AGGREGATE, tenant, "RULES_ADOPTED", user.username(), reason, rules)))
                .flatMap(revision -> states(db, tenant, null, AsOf.NOW)
                        .filter(before -> before.tenant().equals(tenant))
                        .mapNotNull(before -> {
                            EntityState after = EntityState.of(before.id(), tenant, before.draft(), rules, before.override());
                            return after.equals(before.atRevision(null)) ? null : new Pending(after, "RECLASSIFIED");
                        })
                        .collectList()
                        .flatMap(pending -> writeAll(db, user, pending, reason))
                        .map(written -> new RulesAdopted(rules, written.size(),
                                written.isEmpty() ? revision : written.get(written.size() - 1).rosterRevision()))));
    }

    // ---- building blocks, also used by the bulk importer inside its own transaction ----

    public static void requireWriter(CurrentUser user) {
        if (!user.hasAnyRole(WRITERS)) throw ProblemException.forbidden("requires one of the roles " + String.join(", ", WRITERS));
    }

    static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) throw Refused.invalid("reason", "is required: every change says why");
        if (reason.length() > 500) throw Refused.invalid("reason", "at most 500 characters");
    }

    /** The tenant a district belongs to, if it is an org unit this caller may act for. */
    private Mono<String> tenantOf(DatabaseClient db, String district) {
        return tenantsOf(db, Set.of(district)).flatMap(found -> found.containsKey(district)
                ? Mono.just(found.get(district))
                : Mono.error(Refused.invalid("district", "unknown district " + district + ": not a city or district org unit this caller may act for")));
    }

    public Mono<Map<String, String>> tenantsOf(DatabaseClient db, Collection<String> districts) {
        return db.sql("SELECT code, tenant FROM org_unit WHERE code = ANY(:codes) AND kind IN ('CITY', 'DISTRICT')")
                .bind("codes", districts.toArray(String[]::new))
                .map(row -> Map.entry(row.get("code", String.class), row.get("tenant", String.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    public Mono<CategoryRules> rulesOf(DatabaseClient db, String tenant) {
        return db.sql("SELECT rules FROM category_rule_set WHERE tenant = :tenant").bind("tenant", tenant)
                .map(row -> json.readValue(row.get("rules", Json.class).asArray(), CategoryRules.class))
                .one()
                .defaultIfEmpty(CategoryPresets.DEFAULT);
    }

    /** The current entities of the given tenants by USCC, for the importer to match rows against. */
    public Mono<Map<String, EntityState>> byUscc(DatabaseClient db, Collection<String> tenants) {
        return db.sql("SELECT revision, state FROM supervised_entity WHERE tenant = ANY(:tenants)")
                .bind("tenants", tenants.toArray(String[]::new))
                .map(row -> read(row).atRevision(row.get("revision", Long.class)))
                .all()
                .collect(HashMap::new, (map, e) -> map.put(e.tenant() + "/" + e.uscc(), e));
    }

    /** Writes the new state unless it equals the old one (a no-op change is no change). */
    private Mono<EntityState> writeIfChanged(DatabaseClient db, CurrentUser user, EntityState before, EntityState after, String action, String reason) {
        return after.equals(before.atRevision(null)) ? Mono.just(before) : write(db, user, after, action, reason);
    }

    /** Records the change, stores the state and publishes it, in the caller's transaction. */
    public Mono<EntityState> write(DatabaseClient db, CurrentUser user, EntityState state, String action, String reason) {
        EntityState logged = state.atRevision(null);
        return changes.record(db, new RosterChanges.Change(state.tenant(), AGGREGATE, state.id().toString(), action, user.username(),
                        reason == null || reason.isBlank() ? null : reason.strip(), logged))
                .flatMap(revision -> {
                    EntityState published = state.atRevision(revision);
                    return db.sql("""
                                    INSERT INTO supervised_entity (id, tenant, uscc, name, district, status, category, revision, state)
                                    VALUES (:id, :tenant, :uscc, :name, :district, :status, :category, :revision, :state)
                                    ON CONFLICT (id) DO UPDATE SET uscc = EXCLUDED.uscc, name = EXCLUDED.name, district = EXCLUDED.district,
                                        status = EXCLUDED.status, category = EXCLUDED.category, revision = EXCLUDED.revision,
                                        state = EXCLUDED.state, updated_at = now()""")
                            .bind("id", state.id()).bind("tenant", state.tenant()).bind("uscc", state.uscc()).bind("name", state.name())
                            .bind("district", state.district()).bind("status", state.status().name())
                            .bind("category", state.category().name()).bind("revision", revision)
                            .bind("state", Json.of(json.writeValueAsBytes(logged)))
                            .then()
                            .then(outbox.publish(RosterEvents.ENTITY_STATE, state.id().toString(), state.tenant(), published))
                            .thenReturn(published);
                });
    }

    /**
     * Writes many new states in one go — the change log and the roster rows in multi-row
     * statements — and publishes each; for imports and reclassifications of a whole tenant.
     */
    public Mono<List<EntityState>> writeAll(DatabaseClient db, CurrentUser user, List<Pending> pending, String reason) {
        List<RosterChanges.Change> log = pending.stream().map(p -> new RosterChanges.Change(p.state().tenant(), AGGREGATE,
                p.state().id().toString(), p.action(), user.username(), reason, p.state().atRevision(null))).toList();
        return batch.record(db, log).flatMap(revisions -> {
            List<EntityState> published = new ArrayList<>(pending.size());
            for (int i = 0; i < pending.size(); i++) published.add(pending.get(i).state().atRevision(revisions.get(i)));
            return Flux.range(0, (published.size() + 999) / 1000)
                    .concatMap(chunk -> upsertRows(db, published.subList(chunk * 1000, Math.min(published.size(), (chunk + 1) * 1000))))
                    .thenMany(Flux.fromIterable(published)
                            .concatMap(state -> outbox.publish(RosterEvents.ENTITY_STATE, state.id().toString(), state.tenant(), state)))
                    .then(Mono.just(published));
        });
    }

    private Mono<Void> upsertRows(DatabaseClient db, List<EntityState> rows) {
        int n = rows.size();
        String[] ids = new String[n], tenants = new String[n], usccs = new String[n], names = new String[n], districts = new String[n],
                statuses = new String[n], categories = new String[n], states = new String[n];
        Long[] revisions = new Long[n];
        for (int i = 0; i < n; i++) {
            EntityState e = rows.get(i);
            ids[i] = e.id().toString();
            tenants[i] = e.tenant();
            usccs[i] = e.uscc();
            names[i] = e.name();
            districts[i] = e.district();
            statuses[i] = e.status().name();
            categories[i] = e.category().name();
            revisions[i] = e.rosterRevision();
            states[i] = json.writeValueAsString(e.atRevision(null));
        }
        return db.sql("""
                        INSERT INTO supervised_entity (id, tenant, uscc, name, district, status, category, revision, state)
                        SELECT i::uuid, t, u, n, d, s, c, r, j::jsonb
                          FROM unnest(:ids::text[], :tenants::text[], :usccs::text[], :names::text[], :districts::text[],
                                      :statuses::text[], :categories::text[], :revisions::bigint[], :states::text[]) AS x(i, t, u, n, d, s, c, r, j)
                        ON CONFLICT (id) DO UPDATE SET uscc = EXCLUDED.uscc, name = EXCLUDED.name, district = EXCLUDED.district,
                            status = EXCLUDED.status, category = EXCLUDED.category, revision = EXCLUDED.revision,
                            state = EXCLUDED.state, updated_at = now()""")
                .bind("ids", ids).bind("tenants", tenants).bind("usccs", usccs).bind("names", names).bind("districts", districts)
                .bind("statuses", statuses).bind("categories", categories).bind("revisions", revisions).bind("states", states)
                .then();
    }

    private Mono<Void> requireUsccFree(DatabaseClient db, String tenant, String uscc, UUID self) {
        return db.sql("SELECT id FROM supervised_entity WHERE tenant = :tenant AND uscc = :uscc")
                .bind("tenant", tenant).bind("uscc", uscc)
                .map(row -> row.get("id", UUID.class)).one()
                .filter(id -> !id.equals(self))
                .flatMap(id -> Mono.error(ProblemException.conflict("uscc " + uscc + " is already in the roster of " + tenant + " as entity " + id)));
    }

    private Mono<EntityState> current(DatabaseClient db, UUID id) {
        return states(db, null, id, AsOf.NOW).next().switchIfEmpty(Mono.error(() -> ProblemException.notFound("no entity " + id)));
    }

    /**
     * Current states come from the roster table; past ones from the change log, taking for each
     * entity its last change at or before the revision, or before the moment.
     */
    private Flux<EntityState> states(DatabaseClient db, String tenant, UUID id, AsOf asOf) {
        List<String> where = new ArrayList<>();
        if (tenant != null) where.add("tenant = :tenant");
        DatabaseClient.GenericExecuteSpec spec;
        if (asOf.isNow()) {
            if (id != null) where.add("id = :id");
            spec = db.sql("SELECT revision, state FROM supervised_entity" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                    + " ORDER BY district, name, id");
        } else {
            where.add("aggregate = :aggregate");
            if (id != null) where.add("aggregate_id = :id");
            where.add(asOf.revision() != null ? "revision <= :revision" : "changed_at < :before");
            spec = db.sql("SELECT * FROM (SELECT DISTINCT ON (aggregate_id) revision, state FROM roster_change WHERE "
                            + String.join(" AND ", where) + " ORDER BY aggregate_id, revision DESC) AS latest"
                            + " ORDER BY state->>'district', state->>'name', state->>'id'")
                    .bind("aggregate", AGGREGATE);
            spec = asOf.revision() != null ? spec.bind("revision", asOf.revision()) : spec.bind("before", asOf.before().atOffset(ZoneOffset.UTC));
        }
        if (tenant != null) spec = spec.bind("tenant", tenant);
        if (id != null) spec = asOf.isNow() ? spec.bind("id", id) : spec.bind("id", id.toString());
        return spec.map(row -> read(row).atRevision(row.get("revision", Long.class))).all();
    }

    private EntityState read(Readable row) {
        return json.readValue(row.get("state", Json.class).asArray(), EntityState.class);
    }
}
