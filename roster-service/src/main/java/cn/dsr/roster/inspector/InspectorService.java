package cn.dsr.roster.inspector;

import cn.dsr.platform.outbox.Outbox;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.roster.RosterEvents;
import cn.dsr.roster.entity.EntityService;
import cn.dsr.platform.refusal.Refused;
import cn.dsr.roster.revision.RosterChanges;
import cn.dsr.roster.revision.RosterChanges.ChangeRecord;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The inspector roster and the yearly in-post count; changes are recorded and published like entities. */
@Service
public class InspectorService {

    public static final String AGGREGATE = "inspector";
    static final String IN_POST_AGGREGATE = "in-post-count";

    private final TenantTx tx;
    private final Outbox outbox;
    private final RosterChanges changes;
    private final JsonMapper json;

    public InspectorService(TenantTx tx, Outbox outbox, RosterChanges changes, JsonMapper json) {
        this.tx = tx;
        this.outbox = outbox;
        this.changes = changes;
        this.json = json;
    }

    /** Filters of a listing; null means any. {@code availableOn}: only those who may inspect that day. */
    public record Filter(InspectorStatus status, InspectorKind kind, String expertise, LocalDate availableOn) {
        Predicate<InspectorState> predicate() {
            return i -> (status == null || status == i.status()) && (kind == null || kind == i.kind())
                    && (expertise == null || i.expertise().contains(expertise)) && (availableOn == null || i.availableOn(availableOn));
        }
    }

    /** The stated figure of the year beside the number of in-post officers the roster holds now. */
    public record InPostView(InPostCount stated, long officersInPostOnRoster) {}

    public Mono<InspectorState> create(CurrentUser user, InspectorDraft draft, String reason) {
        EntityService.requireWriter(user);
        Refused.unless(draft.problems());
        return tx.inTenants(user.visibleTenants(), db -> tenantOf(db, draft)
                .flatMap(tenant -> requireHeldByNobodyElse(db, tenant, draft, null)
                        .then(write(db, user, InspectorState.of(UUID.randomUUID(), tenant, draft), "CREATED", reason))));
    }

    public Mono<InspectorState> update(CurrentUser user, UUID id, InspectorDraft draft, String reason) {
        EntityService.requireWriter(user);
        if (reason == null || reason.isBlank()) throw Refused.invalid("reason", "is required: every change says why");
        Refused.unless(draft.problems());
        return tx.inTenants(user.visibleTenants(), db -> current(db, id).flatMap(before -> tenantOf(db, draft).flatMap(tenant -> {
            if (!tenant.equals(before.tenant())) {
                return Mono.error(Refused.invalid("unit", "belongs to tenant " + tenant + ", the inspector to " + before.tenant()
                        + ": mark the person TRANSFERRED here and add them there"));
            }
            InspectorState after = InspectorState.of(id, tenant, draft);
            return requireHeldByNobodyElse(db, tenant, draft, id)
                    .then(after.equals(before.atRevision(null)) ? Mono.just(before) : write(db, user, after, "UPDATED", reason));
        })));
    }

    public Mono<InspectorState> get(CurrentUser user, UUID id) {
        return tx.inTenants(user.visibleTenants(), db -> current(db, id));
    }

    public Flux<InspectorState> list(CurrentUser user, Filter filter) {
        return tx.manyInTenants(user.visibleTenants(), db -> all(db, null)).filter(filter.predicate());
    }

    public Flux<ChangeRecord<InspectorState>> history(CurrentUser user, UUID id) {
        return tx.manyInTenants(user.visibleTenants(), db -> changes.history(db, AGGREGATE, id.toString(),
                (row, revision) -> read(row).atRevision(revision)));
    }

    public Mono<InPostCount> setInPostCount(CurrentUser user, Integer year, Integer count, String reason) {
        EntityService.requireWriter(user);
        if (year == null || year < 2000 || year > 2100) throw Refused.invalid("year", "a year between 2000 and 2100");
        if (count == null || count < 0 || count > 100_000) throw Refused.invalid("count", "a number of people, 0 or more");
        if (reason == null || reason.isBlank()) throw Refused.invalid("reason", "is required, e.g. the staffing document it comes from");
        String tenant = user.tenant();
        return tx.inTenants(user.visibleTenants(), db -> db.sql("SELECT 1 FROM org_unit WHERE code = :tenant AND kind IN ('CITY', 'DISTRICT')")
                .bind("tenant", tenant == null ? "" : tenant).fetch().first().hasElement()
                .flatMap(known -> known ? Mono.<Void>empty() : Mono.error(Refused.invalid("tenant", "unknown tenant " + tenant)))
                .then(changes.record(db, new RosterChanges.Change(tenant, IN_POST_AGGREGATE, tenant + ":" + year, "SET", user.username(), reason,
                        Map.of("tenant", tenant, "year", year, "count", count))))
                .flatMap(revision -> db.sql("""
                                INSERT INTO in_post_count (tenant, year, count, reason, set_by, revision) VALUES (:tenant, :year, :count, :reason, :by, :revision)
                                ON CONFLICT (tenant, year) DO UPDATE SET count = EXCLUDED.count, reason = EXCLUDED.reason, set_by = EXCLUDED.set_by,
                                    set_at = now(), revision = EXCLUDED.revision
                                RETURNING set_at""")
                        .bind("tenant", tenant).bind("year", year).bind("count", count).bind("reason", reason.strip())
                        .bind("by", user.username()).bind("revision", revision)
                        .map(row -> new InPostCount(tenant, year, count, reason.strip(), user.username(),
                                row.get("set_at", OffsetDateTime.class).toInstant(), revision))
                        .one())
                .flatMap(stated -> outbox.publish(RosterEvents.IN_POST_COUNT_STATE, tenant + ":" + year, tenant, stated).thenReturn(stated)));
    }

    public Mono<InPostView> inPostCount(CurrentUser user, int year) {
        String tenant = user.tenant();
        return tx.inTenants(user.visibleTenants(), db -> db.sql("SELECT * FROM in_post_count WHERE tenant = :tenant AND year = :year")
                .bind("tenant", tenant == null ? "" : tenant).bind("year", year)
                .map(row -> new InPostCount(row.get("tenant", String.class), row.get("year", Integer.class), row.get("count", Integer.class),
                        row.get("reason", String.class), row.get("set_by", String.class), row.get("set_at", OffsetDateTime.class).toInstant(),
                        row.get("revision", Long.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no in-post count of " + tenant + " for " + year)))
                .flatMap(stated -> db.sql("""
                                SELECT count(*) AS n FROM inspector
                                 WHERE tenant = :tenant AND status = 'IN_POST' AND state->>'kind' = 'OFFICER'""")
                        .bind("tenant", tenant).map(row -> row.get("n", Long.class)).one()
                        .map(onRoster -> new InPostView(stated, onRoster))));
    }

    // ---- building blocks, also used by the bulk importer inside its own transaction ----

    /** The tenant of the person's unit, checking the unit and department are org units this caller may act for. */
    private Mono<String> tenantOf(DatabaseClient db, InspectorDraft draft) {
        return units(db, draft.department() == null ? List.of(draft.unit()) : List.of(draft.unit(), draft.department()))
                .flatMap(units -> {
                    String tenant = units.get(draft.unit());
                    if (tenant == null) return Mono.error(Refused.invalid("unit", "unknown bureau " + draft.unit() + " for this caller"));
                    if (draft.department() != null && !units.containsKey(draft.department())) {
                        return Mono.error(Refused.invalid("department", "unknown department " + draft.department()));
                    }
                    return Mono.just(tenant);
                });
    }

    /** Org unit code → tenant, for the units and departments visible to the caller. */
    public Mono<Map<String, String>> units(DatabaseClient db, Collection<String> codes) {
        return db.sql("SELECT code, tenant, kind FROM org_unit WHERE code = ANY(:codes)")
                .bind("codes", codes.toArray(String[]::new))
                .map(row -> Map.entry(row.get("code", String.class), row.get("tenant", String.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    public Flux<InspectorState> all(DatabaseClient db, Collection<String> tenants) {
        var select = db.sql("SELECT revision, state FROM inspector" + (tenants == null ? "" : " WHERE tenant = ANY(:tenants)")
                + " ORDER BY tenant, state->>'name', id");
        if (tenants != null) select = select.bind("tenants", tenants.toArray(String[]::new));
        return select.map(row -> read(row).atRevision(row.get("revision", Long.class))).all();
    }

    public Mono<InspectorState> write(DatabaseClient db, CurrentUser user, InspectorState state, String action, String reason) {
        InspectorState logged = state.atRevision(null);
        return changes.record(db, new RosterChanges.Change(state.tenant(), AGGREGATE, state.id().toString(), action, user.username(),
                        reason == null || reason.isBlank() ? null : reason.strip(), logged))
                .flatMap(revision -> {
                    var upsert = db.sql("""
                                    INSERT INTO inspector (id, tenant, name, certificate_no, account, status, revision, state)
                                    VALUES (:id, :tenant, :name, :certificate, :account, :status, :revision, :state)
                                    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, certificate_no = EXCLUDED.certificate_no,
                                        account = EXCLUDED.account,
                                        status = EXCLUDED.status, revision = EXCLUDED.revision, state = EXCLUDED.state, updated_at = now()""")
                            .bind("id", state.id()).bind("tenant", state.tenant()).bind("name", state.name())
                            .bind("status", state.status().name()).bind("revision", revision)
                            .bind("state", Json.of(json.writeValueAsBytes(logged)));
                    upsert = state.certificateNo() == null ? upsert.bindNull("certificate", String.class) : upsert.bind("certificate", state.certificateNo());
                    upsert = state.account() == null ? upsert.bindNull("account", String.class) : upsert.bind("account", state.account());
                    InspectorState published = state.atRevision(revision);
                    return upsert.then()
                            .then(outbox.publish(RosterEvents.INSPECTOR_STATE, state.id().toString(), state.tenant(), published))
                            .thenReturn(published);
                });
    }

    /** An enforcement certificate (执法证) and a sign-in account each belong to one person of the tenant's roster. */
    private Mono<Void> requireHeldByNobodyElse(DatabaseClient db, String tenant, InspectorDraft draft, UUID self) {
        return heldByNobodyElse(db, tenant, "certificate_no", draft.certificateNo(), self, "certificate ")
                .then(heldByNobodyElse(db, tenant, "account", draft.account(), self, "sign-in account "));
    }

    private Mono<Void> heldByNobodyElse(DatabaseClient db, String tenant, String column, String value, UUID self, String what) {
        if (value == null) return Mono.empty();
        return db.sql("SELECT id FROM inspector WHERE tenant = :tenant AND " + column + " = :value")
                .bind("tenant", tenant).bind("value", value)
                .map(row -> row.get("id", UUID.class)).one()
                .filter(id -> !id.equals(self))
                .flatMap(id -> Mono.error(ProblemException.conflict(what + value + " is already held by inspector " + id)));
    }

    private Mono<InspectorState> current(DatabaseClient db, UUID id) {
        return db.sql("SELECT revision, state FROM inspector WHERE id = :id").bind("id", id)
                .map(row -> read(row).atRevision(row.get("revision", Long.class))).one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no inspector " + id)));
    }

    private InspectorState read(Readable row) {
        return json.readValue(row.get("state", Json.class).asArray(), InspectorState.class);
    }
}
