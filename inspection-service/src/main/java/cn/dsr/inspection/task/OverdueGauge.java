package cn.dsr.inspection.task;

import cn.dsr.platform.tenant.TenantTx;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code dsr.inspection.overdue}: tasks behind time per district and stage (督办), counted every
 * minute ({@code dsr.inspection.overdue-refresh}) across every bureau, so an alert can fire before the city's quarterly review finds them.
 */
@Component
class OverdueGauge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OverdueGauge.class);
    private static final List<String> EVERY_BUREAU = List.of("*");

    private final TaskService service;
    private final TenantTx tx;
    private final MultiGauge gauge;
    private final Duration every;
    private volatile Disposable refreshing;

    OverdueGauge(TaskService service, TenantTx tx, MeterRegistry meters,
                 @Value("${dsr.inspection.overdue-refresh:PT1M}") Duration every) {
        this.service = service;
        this.tx = tx;
        this.every = every;
        this.gauge = MultiGauge.builder("dsr.inspection.overdue").description("open tasks behind time, by district and stage").register(meters);
    }

    @Override
    public void start() {
        // a count still running when the next is due skips that one instead of queueing it
        refreshing = Flux.interval(Duration.ZERO, every)
                .onBackpressureDrop()
                .flatMap(tick -> service.behindTime(tx.inTenants(EVERY_BUREAU, db -> service.openTasks(db, null)))
                        .doOnNext(this::publish)
                        .onErrorResume(e -> {
                            log.warn("overdue tasks not counted this time: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    private void publish(List<Overdue> overdue) {
        Map<List<String>, Long> counts = overdue.stream()
                .collect(Collectors.groupingBy(o -> List.of(o.task().tenant(), o.stage().name()), Collectors.counting()));
        gauge.register(counts.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("district", e.getKey().get(0), "stage", e.getKey().get(1)), e.getValue()))
                .toList(), true);
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
