package cn.dsr.inspection.task;

import cn.dsr.platform.metrics.RefreshedGauge;
import cn.dsr.platform.tenant.TenantTx;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code dsr.inspection.overdue}: tasks behind time per district and stage (督办), counted every
 * minute ({@code dsr.inspection.overdue-refresh}) across every bureau, so an alert can fire before the city's quarterly review finds them.
 */
@Component
class OverdueGauge extends RefreshedGauge {

    private static final List<String> EVERY_BUREAU = List.of("*");

    OverdueGauge(TaskService service, TenantTx tx, MeterRegistry meters,
                 @Value("${dsr.inspection.overdue-refresh:PT1M}") Duration every) {
        super(MultiGauge.builder("dsr.inspection.overdue").description("open tasks behind time, by district and stage").register(meters), every,
                () -> service.behindTime(tx.inTenants(EVERY_BUREAU, db -> service.openTasks(db, null))).map(OverdueGauge::rows));
    }

    private static List<MultiGauge.Row<?>> rows(List<Overdue> overdue) {
        Map<List<String>, Long> counts = overdue.stream()
                .collect(Collectors.groupingBy(o -> List.of(o.task().tenant(), o.stage().name()), Collectors.counting()));
        return counts.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("district", e.getKey().get(0), "stage", e.getKey().get(1)), e.getValue()))
                .toList();
    }
}
