package cn.dsr.disclosure.result;

import cn.dsr.platform.tenant.TenantTx;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes, on their due date, the versions whose review did not come: a review may delay a
 * result up to its deadline, never past it. Runs every {@code dsr.disclosure.auto-publish-every}.
 */
@Component
public class AutoPublication implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AutoPublication.class);
    /** The system reads every bureau's waiting versions; each one is then published in its own bureau's transaction. */
    private static final List<String> ALL_BUREAUS = List.of("*");

    private final TenantTx tx;
    private final ResultBook book;
    private final Clock clock;
    private final Duration every;
    private volatile Disposable ticking;

    public AutoPublication(TenantTx tx, ResultBook book, Clock clock, @Value("${dsr.disclosure.auto-publish-every:PT1M}") Duration every) {
        this.tx = tx;
        this.book = book;
        this.clock = clock;
        this.every = every;
    }

    /** Publishes every version due by {@code today}; returns how many. */
    public Mono<Integer> publishDue(LocalDate today) {
        return tx.manyInTenants(ALL_BUREAUS, db -> book.dueForAutoPublication(db, today))
                .concatMap(w -> tx.inTenant(w.tenant(), db -> book.publishWaiting(db, w.resultId(), w.version(), ResultBook.SYSTEM)).thenReturn(1))
                .reduce(0, Integer::sum);
    }

    @Override
    public void start() {
        ticking = Flux.interval(every, every)
                .concatMap(tick -> publishDue(LocalDate.now(clock))
                        .onErrorResume(e -> {
                            log.warn("automatic publication failed, retried next time: {}", e.toString());
                            return Mono.just(0);
                        }))
                .subscribe(n -> { if (n > 0) log.info("published {} results on their due date", n); });
    }

    @Override
    public void stop() {
        if (ticking != null) ticking.dispose();
        ticking = null;
    }

    @Override
    public boolean isRunning() {
        return ticking != null;
    }
}
