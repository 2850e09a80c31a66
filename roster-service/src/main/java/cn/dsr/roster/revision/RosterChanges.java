package cn.dsr.roster.revision;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.function.BiFunction;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records one roster change (who, what, why, the state after it) under the tenant's next roster
 * revision. Runs inside the caller's transaction, so the revision, the change and the business
 * row commit together.
 */
@Component
public class RosterChanges {

    private final JsonMapper json;

    public RosterChanges(JsonMapper json) {
        this.json = json;
    }

    public record Change(String tenant, String aggregate, String aggregateId, String action, String actor, String reason, Object state) {}

    /** One entry of an aggregate's history as read back: the change and the state it left. */
    public record ChangeRecord<S>(long revision, String action, String actor, String reason, OffsetDateTime changedAt, S state) {}

    /**
     * An aggregate's changes in revision order; {@code state} reads the stored state of a row
     * (its column {@code state}) as of that row's revision.
     */
    public <S> Flux<ChangeRecord<S>> history(DatabaseClient db, String aggregate, String aggregateId, BiFunction<Readable, Long, S> state) {
        return db.sql("""
                        SELECT revision, action, actor, reason, changed_at, state FROM roster_change
                         WHERE aggregate = :aggregate AND aggregate_id = :id ORDER BY revision""")
                .bind("aggregate", aggregate).bind("id", aggregateId)
                .map(row -> {
                    long revision = row.get("revision", Long.class);
                    return new ChangeRecord<>(revision, row.get("action", String.class), row.get("actor", String.class),
                            row.get("reason", String.class), row.get("changed_at", OffsetDateTime.class), state.apply(row, revision));
                })
                .all();
    }

    /** Returns the tenant's new roster revision. */
    public Mono<Long> record(DatabaseClient db, Change change) {
        return db.sql("""
                        INSERT INTO roster_revision (tenant, revision) VALUES (:tenant, 1)
                        ON CONFLICT (tenant) DO UPDATE SET revision = roster_revision.revision + 1
                        RETURNING revision""")
                .bind("tenant", change.tenant())
                .map(row -> row.get("revision", Long.class))
                .one()
                .flatMap(revision -> {
                    var insert = db.sql("""
                                    INSERT INTO roster_change (tenant, revision, aggregate, aggregate_id, action, actor, reason, state)
                                    VALUES (:tenant, :revision, :aggregate, :id, :action, :actor, :reason, :state)""")
                            .bind("tenant", change.tenant())
                            .bind("revision", revision)
                            .bind("aggregate", change.aggregate())
                            .bind("id", change.aggregateId())
                            .bind("action", change.action())
                            .bind("actor", change.actor())
                            .bind("state", Json.of(json.writeValueAsBytes(change.state())));
                    insert = change.reason() == null ? insert.bindNull("reason", String.class) : insert.bind("reason", change.reason());
                    return insert.then().thenReturn(revision);
                });
    }
}
