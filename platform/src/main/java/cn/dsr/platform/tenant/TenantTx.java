package cn.dsr.platform.tenant;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs work in one R2DBC transaction whose first statement sets {@code app.tenant}, the key of
 * every row-level-security policy. A city detachment passes the set of its districts; the
 * setting is transaction-local, so a pooled connection never carries it to the next caller.
 */
public class TenantTx {

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public TenantTx(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    public <T> Mono<T> inTenant(String tenant, Function<DatabaseClient, Mono<T>> work) {
        return inTenants(tenant == null ? List.of() : List.of(tenant), work);
    }

    public <T> Mono<T> inTenants(Collection<String> tenants, Function<DatabaseClient, Mono<T>> work) {
        return setTenant(tenants).then(Mono.defer(() -> work.apply(db))).as(tx::transactional);
    }

    public <T> Flux<T> manyInTenants(Collection<String> tenants, Function<DatabaseClient, Flux<T>> work) {
        return setTenant(tenants).thenMany(Flux.defer(() -> work.apply(db))).as(tx::transactional);
    }

    /**
     * One transaction whose work switches {@code app.tenant} itself with {@link #actAs}, for
     * consumers that apply a batch of events of several tenants in one commit.
     */
    public <T> Mono<T> inTransaction(Function<DatabaseClient, Mono<T>> work) {
        return Mono.defer(() -> work.apply(db)).as(tx::transactional);
    }

    /** Sets {@code app.tenant} for the rest of the current transaction. */
    public Mono<Void> actAs(String tenant) {
        return setTenant(tenant == null ? List.of() : List.of(tenant));
    }

    private Mono<Void> setTenant(Collection<String> tenants) {
        return db.sql("SELECT set_config('app.tenant', :tenants, true)")
                .bind("tenants", String.join(",", tenants))
                .fetch().rowsUpdated().then();
    }
}
