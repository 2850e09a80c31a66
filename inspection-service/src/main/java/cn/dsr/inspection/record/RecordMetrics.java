package cn.dsr.inspection.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code dsr.inspection.records}: record versions stored, counted once their transaction committed. */
@Component
public class RecordMetrics {

    private final Counter submitted;
    private final Counter amended;

    public RecordMetrics(MeterRegistry meters) {
        this.submitted = counter(meters, "submitted");
        this.amended = counter(meters, "amended");
    }

    private static Counter counter(MeterRegistry meters, String kind) {
        return Counter.builder("dsr.inspection.records").tag("kind", kind)
                .description("record versions stored: first submissions and approved amendments").register(meters);
    }

    public void submitted() {
        submitted.increment();
    }

    public void amended() {
        amended.increment();
    }
}
