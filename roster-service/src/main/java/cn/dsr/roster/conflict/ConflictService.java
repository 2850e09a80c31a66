package cn.dsr.roster.conflict;

import cn.dsr.platform.outbox.Outbox;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.roster.RosterEvents;
import cn.dsr.roster.entity.EntityService;
import cn.dsr.platform.refusal.Refused;
import cn.dsr.roster.revision.RosterChanges;
import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Declared conflicts of interest (回避). Operators declare them, and so may inspectors for
 * themselves; the head approves. The conflict belongs to the inspector's tenant: a city
 * inspector may have to avoid an entity of any district.
 */
@Service
public class ConflictService {

    static final String AGGREGATE = "conflict";
    static final List<String> APPROVERS = List.of(Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR);

    private final TenantTx tx;
    private final Outbox outbox;
    private final RosterChanges changes;
    private final JsonMapper json;

    public ConflictService(TenantTx tx, Outbox outbox, RosterChanges changes, JsonMapper json) {
        this.tx = tx;
        this.outbox = outbox;
        this.changes = changes;
        this.json = json;
    }

    public Mono<ConflictState> declare(CurrentUser user, ConflictDraft draft) {
        boolean forSelf = user.hasRole(Roles.INSPECTOR) && draft.inspectorId() != null
                && draft.inspectorId().toString().equals(user.inspectorId());
        if (!forSelf) EntityService.requireWriter(user);
        Refused.unless(draft.problems());
        return tx.inTenants(user.visibleTenants(), db -> db.sql("SELECT tenant FROM inspector WHERE id = :id").bind("id", draft.inspectorId())
                .map(row -> row.get("tenant", String.class)).one()
                .switchIfEmpty(Mono.error(() -> Refused.invalid("inspectorId", "unknown inspector " + draft.inspectorId())))
                .flatMap(tenant -> db.sql("SELECT 1 FROM supervised_entity WHERE id = :id").bind("id", draft.entityId()).fetch().first()
                        .switchIfEmpty(Mono.error(() -> Refused.invalid("entityId", "unknown entity " + draft.entityId())))
                        .then(db.sql("""
                                        SELECT 1 FROM conflict WHERE inspector_id = :inspector AND entity_id = :entity
                                           AND status <> 'REVOKED' AND state->>'relation' = :relation""")
                                .bind("inspector", draft.inspectorId()).bind("entity", draft.entityId()).bind("relation", draft.relation().name())
                                .fetch().first().hasElement())
                        .flatMap(duplicate -> duplicate
                                ? Mono.error(ProblemException.conflict("this relation is declared already; revoke it to declare it anew"))
                                : write(db, user, ConflictState.declare(UUID.randomUUID(), tenant, draft, user.username(), Instant.now()), "DECLARED", draft.note()))));
    }

    public Mono<ConflictState> approve(CurrentUser user, UUID id) {
        if (!user.hasAnyRole(APPROVERS)) throw ProblemException.forbidden("a conflict is approved by the district head or the city coordinator");
        return change(user, id, c -> c.approve(user.username(), Instant.now()), "APPROVED", null);
    }

    public Mono<ConflictState> revoke(CurrentUser user, UUID id, String reason) {
        if (!user.hasAnyRole(APPROVERS)) EntityService.requireWriter(user);
        if (reason == null || reason.isBlank()) throw Refused.invalid("reason", "is required: why the conflict no longer holds");
        return change(user, id, c -> c.revoke(user.username(), Instant.now(), reason.strip()), "REVOKED", reason);
    }

    public Flux<ConflictState> list(CurrentUser user, UUID inspectorId, UUID entityId, LocalDate bindingOn) {
        return tx.manyInTenants(user.visibleTenants(), db -> db.sql("SELECT revision, state FROM conflict ORDER BY updated_at, id")
                        .map(row -> json.readValue(row.get("state", Json.class).asArray(), ConflictState.class).atRevision(row.get("revision", Long.class)))
                        .all())
                .filter(c -> (inspectorId == null || inspectorId.equals(c.inspectorId())) && (entityId == null || entityId.equals(c.entityId()))
                        && (bindingOn == null || c.bindsOn(bindingOn)));
    }

    public Mono<ConflictState> get(CurrentUser user, UUID id) {
        return tx.inTenants(user.visibleTenants(), db -> current(db, id));
    }

    private Mono<ConflictState> change(CurrentUser user, UUID id, Function<ConflictState, ConflictState> transition, String action, String reason) {
        return tx.inTenants(user.visibleTenants(), db -> current(db, id).flatMap(before -> {
            ConflictState after;
            try {
                after = transition.apply(before);
            } catch (IllegalStateException refused) {
                return Mono.error(ProblemException.conflict(refused.getMessage()));
            }
            return write(db, user, after, action, reason);
        }));
    }

    private Mono<ConflictState> current(DatabaseClient db, UUID id) {
        return db.sql("SELECT revision, state FROM conflict WHERE id = :id").bind("id", id)
                .map(row -> json.readValue(row.get("state", Json.class).asArray(), ConflictState.class).atRevision(row.get("revision", Long.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no conflict " + id)));
    }

    private Mono<ConflictState> write(DatabaseClient db, CurrentUser user, ConflictState state, String action, String reason) {
        ConflictState logged = state.atRevision(null);
        return changes.record(db, new RosterChanges.Change(state.tenant(), AGGREGATE, state.id().toString(), action, user.username(), reason, logged))
                .flatMap(revision -> db.sql("""
                                INSERT INTO conflict (id, tenant, inspector_id, entity_id, status, revision, state)
                                VALUES (:id, :tenant, :inspector, :entity, :status, :revision, :state)
                                ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, revision = EXCLUDED.revision,
                                    state = EXCLUDED.state, updated_at = now()""")
                        .bind("id", state.id()).bind("tenant", state.tenant()).bind("inspector", state.inspectorId())
                        .bind("entity", state.entityId()).bind("status", state.status().name()).bind("revision", revision)
                        .bind("state", Json.of(json.writeValueAsBytes(logged)))
                        .then()
                        .then(outbox.publish(RosterEvents.CONFLICT_STATE, state.id().toString(), state.tenant(), state.atRevision(revision)))
                        .thenReturn(state.atRevision(revision)));
    }
}
