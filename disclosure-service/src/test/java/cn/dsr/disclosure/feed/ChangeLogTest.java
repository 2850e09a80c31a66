package cn.dsr.disclosure.feed;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.infra.ServiceDatabase;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.testinfra.TestInfra;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The change log (公开变更) behind the external feed: what is in it, and in which order. On a
 * database of its own with no relay, so its made-up changes never reach the shared feed.
 */
class ChangeLogTest {

    private static final ServiceDatabase db = TestInfra.get().newDatabase("changelog");
    private static final ConnectionPool pool;
    private static final TenantTx tx;
    private static final PublicChanges changes = new PublicChanges(JsonMapper.builder().build());

    static {
        Flyway.configure().dataSource(db.jdbcUrl(), db.ownerUser(), db.ownerPassword())
                .locations("classpath:db/platform", "classpath:db/migration")
                .placeholders(Map.of("app_role", db.appUser()))
                .outOfOrder(true)
                .load().migrate();
        pool = new ConnectionPool(ConnectionPoolConfiguration.builder(new PostgresqlConnectionFactory(
                        PostgresqlConnectionConfiguration.builder().host(db.host()).port(db.port()).database(db.name())
                                .username(db.appUser()).password(db.appPassword()).build()))
                .initialSize(2).maxSize(8).build());
        tx = new TenantTx(DatabaseClient.create(pool), TransactionalOperator.create(new R2dbcTransactionManager(pool)));
    }

    @AfterAll
    static void close() {
        pool.dispose();
    }

    private static final AtomicInteger DISTRICTS = new AtomicInteger(411601);

    private static String district() {
        return Integer.toString(DISTRICTS.getAndIncrement());
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static long count(String sql) {
        return db.countAsOwner(sql);
    }

    /** A plan of the tenant made public, in the caller's transaction. */
    private static Mono<Void> planPublished(DatabaseClient db, String tenant, String planId) {
        return changes.append(db, FeedType.PLAN_PUBLISHED, planId, planId, tenant, "1", Map.of("planId", planId));
    }

    private static long changesOf(String planId) {
        return count("SELECT count(*) FROM public_change WHERE subject = '" + planId + "'");
    }

    private static long idOf(String planId) {
        return count("SELECT id FROM public_change WHERE subject = '" + planId + "'");
    }

    @Test
    void a_change_enters_the_log_when_its_transaction_commits_and_an_open_one_holds_no_other_back() throws Exception {
        String slowTenant = district(), quickTenant = district(), slow = id("P"), quick = id("P");
        CountDownLatch slowAppended = new CountDownLatch(1);
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Void> slowCommitted = tx.inTenant(slowTenant, db -> planPublished(db, slowTenant, slow)
                        .then(Mono.fromRunnable(slowAppended::countDown))
                        .then(Mono.fromFuture(release)))
                .toFuture();
        assertThat(slowAppended.await(30, TimeUnit.SECONDS)).isTrue();

        tx.inTenant(quickTenant, db -> planPublished(db, quickTenant, quick)).block(Duration.ofSeconds(10));
        assertThat(changesOf(quick)).as("committed while the other transaction is still open").isEqualTo(1);
        assertThat(changesOf(slow)).as("not in the log before its transaction commits").isZero();

        release.complete(null);
        slowCommitted.get(30, TimeUnit.SECONDS);
        assertThat(changesOf(slow)).isEqualTo(1);
        assertThat(idOf(slow)).as("the log is in commit order").isGreaterThan(idOf(quick));
    }

    @Test
    void a_change_whose_transaction_rolls_back_never_enters_the_log() {
        String tenant = district(), planId = id("P");
        Mono<Void> failing = tx.inTenant(tenant, db -> planPublished(db, tenant, planId)
                .then(Mono.error(new IllegalStateException("the publication failed after its change was made"))));
        try {
            failing.block(Duration.ofSeconds(10));
        } catch (IllegalStateException expected) {
            // the change must vanish with the transaction
        }
        assertThat(changesOf(planId)).isZero();
    }

    @Test
    void the_same_change_made_twice_in_one_transaction_is_in_the_log_once() {
        String tenant = district(), planId = id("P");
        tx.inTenant(tenant, db -> planPublished(db, tenant, planId)
                .then(planPublished(db, tenant, planId)))
                .block(Duration.ofSeconds(10));
        assertThat(changesOf(planId)).isEqualTo(1);
    }

    @Test
    void changes_of_several_bureaus_made_in_one_transaction_as_a_consumer_applies_a_batch_all_enter_the_log() {
        String one = district(), other = district(), first = id("P"), second = id("P");
        tx.inTransaction(db -> tx.actAs(one)
                        .then(planPublished(db, one, first))
                        .then(tx.actAs(other))
                        .then(planPublished(db, other, second)))
                .block(Duration.ofSeconds(10));
        assertThat(changesOf(first)).isEqualTo(1);
        assertThat(changesOf(second)).isEqualTo(1);
        assertThat(idOf(second)).as("in the order they were made").isGreaterThan(idOf(first));
    }
}
