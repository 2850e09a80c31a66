package cn.dsr.platform.tracing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing defaults of every service and the gateway, below anything configured explicitly:
 * sample every trace unless {@code DSR_TRACING_SAMPLING_PROBABILITY} says otherwise, and export
 * spans over OTLP only if {@code DSR_OTLP_TRACES_ENDPOINT} names a collector.
 *
 * <p>Reactor restores the trace into thread-locals (the log line's trace and span ids) only in
 * {@code handle} and {@code tap}, where this code logs on a request's behalf ({@code limited}).
 * Restoring it around every operator ({@code auto}) cost the gateway's cached read 1.3× to 2.6×
 * its throughput and disclosure-service's feed 1.2× to 1.8× (load-tests/run, 2026-12-07, see
 * docs/tracing.md); the spans themselves, and the trace carried over HTTP and Kafka, come from the
 * Reactor context either way. {@code SPRING_REACTOR_CONTEXT_PROPAGATION=auto} puts the trace in
 * every framework log line again, at that price. Boot
 * creates the exporter as soon as its endpoint property exists, even empty, which a default in
 * YAML could not avoid; with no endpoint, spans are made and dropped and nothing logs errors.
 */
public class TracingEnvironment implements EnvironmentPostProcessor {

    static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("management.tracing.sampling.probability", "${DSR_TRACING_SAMPLING_PROBABILITY:1.0}");
        defaults.put("spring.reactor.context-propagation", "limited");
        String endpoint = environment.getProperty("DSR_OTLP_TRACES_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) defaults.put(OTLP_ENDPOINT, endpoint);
        environment.getPropertySources().addLast(new MapPropertySource("dsrTracingDefaults", defaults));
    }
}
