package cn.dsr.disclosure.result;

import cn.dsr.platform.metrics.RefreshedGauge;
import cn.dsr.platform.tenant.TenantTx;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code dsr.disclosure.awaiting}: results not yet public, by district and whether their due date
 * has passed (stage {@code within_deadline} / {@code past_deadline}), counted every
 * {@code dsr.disclosure.awaiting-refresh} across every bureau. Past the deadline should stay at
 * zero: the rules give 20 working days, and {@link AutoPublication} publishes on the due date.
 */
@Component
class AwaitingGauge extends RefreshedGauge {

    private static final List<String> EVERY_BUREAU = List.of("*");

    AwaitingGauge(TenantTx tx, ResultBook book, Clock clock, MeterRegistry meters,
                  @Value("${dsr.disclosure.awaiting-refresh:PT1M}") Duration every) {
        super(MultiGauge.builder("dsr.disclosure.awaiting")
                        .description("results not yet public, by district and whether their due date has passed").register(meters), every,
                () -> tx.manyInTenants(EVERY_BUREAU, db -> book.awaiting(db, LocalDate.now(clock)))
                        .<MultiGauge.Row<?>>map(a -> MultiGauge.Row.of(
                                Tags.of("district", a.district(), "stage", a.pastDue() ? "past_deadline" : "within_deadline"), a.count()))
                        .collectList());
    }
}
