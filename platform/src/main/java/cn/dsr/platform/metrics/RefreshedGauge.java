package cn.dsr.platform.metrics;

import io.micrometer.core.instrument.MultiGauge;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A multi-row gauge whose rows are counted by a query, again every {@code every}: for figures such
 * as tasks behind time, which no single event changes (the calendar does), so they cannot be kept
 * up to date as events arrive.
 */
public class RefreshedGauge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RefreshedGauge.class);

    private final MultiGauge gauge;
    private final Duration every;
    private final Supplier<Mono<List<MultiGauge.Row<?>>>> count;
    private volatile Disposable refreshing;

    public RefreshedGauge(MultiGauge gauge, Duration every, Supplier<Mono<List<MultiGauge.Row<?>>>> count) {
        this.gauge = gauge;
        this.every = every;
        this.count = count;
    }

    @Override
    public void start() {
        // a count still running when the next is due skips that one instead of queueing it
        refreshing = Flux.interval(Duration.ZERO, every)
                .onBackpressureDrop()
                .flatMap(tick -> Mono.defer(count)
                        .doOnNext(rows -> gauge.register(rows, true))
                        .onErrorResume(e -> {
                            log.warn("{} not counted this time: {}", getClass().getSimpleName(), e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = refreshing;
        if (running != null) running.dispose();
        refreshing = null;
    }

    @Override
    public boolean isRunning() {
        return refreshing != null;
    }
}
