package cn.dsr.roster.entity;

import cn.dsr.roster.revision.RosterChanges.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records many roster changes at once, as {@code RosterChanges} records one: same tables, same
 * meaning. It reserves each tenant's block of revisions with a single update, because bumping the
 * revision row once per change makes PostgreSQL walk an ever longer chain of row versions inside
 * one transaction (quadratic: 10,000 changes took half a minute), and it inserts the change log
 * in multi-row statements.
 */
@Component
public class ChangeBatch {

    private static final int ROWS_PER_STATEMENT = 1000;

    private final JsonMapper json;

    public ChangeBatch(JsonMapper json) {
        this.json = json;
    }

    /** Records the changes in order; returns the revision of each. */
    public Mono<List<Long>> record(DatabaseClient db, List<Change> changes) {
        if (changes.isEmpty()) return Mono.just(List.of());
        Map<String, Integer> perTenant = new LinkedHashMap<>();
        changes.forEach(c -> perTenant.merge(c.tenant(), 1, Integer::sum));
        return Flux.fromIterable(perTenant.entrySet())
                .concatMap(e -> db.sql("""
                                INSERT INTO roster_revision (tenant, revision) VALUES (:tenant, :count)
                                ON CONFLICT (tenant) DO UPDATE SET revision = roster_revision.revision + :count
                                RETURNING revision""")
                        .bind("tenant", e.getKey()).bind("count", (long) e.getValue())
                        .map(row -> Map.entry(e.getKey(), row.get("revision", Long.class) - e.getValue() + 1)).one())
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(first -> {
                    Map<String, Long> next = new LinkedHashMap<>(first);
                    List<Long> revisions = new ArrayList<>(changes.size());
                    changes.forEach(c -> revisions.add(next.merge(c.tenant(), 1L, Long::sum) - 1));
                    return Flux.range(0, (changes.size() + ROWS_PER_STATEMENT - 1) / ROWS_PER_STATEMENT)
                            .concatMap(chunk -> insert(db, changes, revisions, chunk * ROWS_PER_STATEMENT,
                                    Math.min(changes.size(), (chunk + 1) * ROWS_PER_STATEMENT)))
                            .then(Mono.just(revisions));
                });
    }

    private Mono<Void> insert(DatabaseClient db, List<Change> changes, List<Long> revisions, int from, int to) {
        int n = to - from;
        String[] tenants = new String[n], aggregates = new String[n], ids = new String[n], actions = new String[n],
                actors = new String[n], reasons = new String[n], states = new String[n];
        Long[] revs = new Long[n];
        for (int i = 0; i < n; i++) {
            Change c = changes.get(from + i);
            tenants[i] = c.tenant();
            revs[i] = revisions.get(from + i);
            aggregates[i] = c.aggregate();
            ids[i] = c.aggregateId();
            actions[i] = c.action();
            actors[i] = c.actor();
            reasons[i] = c.reason();
            states[i] = json.writeValueAsString(c.state());
        }
        return db.sql("""
                        INSERT INTO roster_change (tenant, revision, aggregate, aggregate_id, action, actor, reason, state)
                        SELECT t, r, a, i, ac, who, why, s::jsonb
                          FROM unnest(:tenants::text[], :revisions::bigint[], :aggregates::text[], :ids::text[], :actions::text[],
                                      :actors::text[], :reasons::text[], :states::text[]) AS u(t, r, a, i, ac, who, why, s)""")
                .bind("tenants", tenants).bind("revisions", revs).bind("aggregates", aggregates).bind("ids", ids)
                .bind("actions", actions).bind("actors", actors).bind("reasons", reasons).bind("states", states)
                .then();
    }
}
