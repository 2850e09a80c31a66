package cn.dsr.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** What a service's environment makes of the tracing variables. */
class TracingEnvironmentTest {

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("variables", new HashMap<>(variables)));
        new TracingEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void without_an_endpoint_no_exporter_is_configured_every_trace_is_sampled_and_the_trace_is_restored_where_code_logs() {
        StandardEnvironment environment = environment(Map.of());
        assertThat(environment.containsProperty(TracingEnvironment.OTLP_ENDPOINT)).isFalse();
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
        assertThat(environment.getProperty("spring.reactor.context-propagation")).isEqualTo("limited");
    }

    @Test
    void an_empty_endpoint_as_a_config_map_may_hold_configures_no_exporter() {
        assertThat(environment(Map.of("DSR_OTLP_TRACES_ENDPOINT", " ")).containsProperty(TracingEnvironment.OTLP_ENDPOINT)).isFalse();
    }

    @Test
    void the_variables_set_the_endpoint_and_the_sampling() {
        StandardEnvironment environment = environment(Map.of(
                "DSR_OTLP_TRACES_ENDPOINT", "http://jaeger:4318/v1/traces", "DSR_TRACING_SAMPLING_PROBABILITY", "0.1"));
        assertThat(environment.getProperty(TracingEnvironment.OTLP_ENDPOINT)).isEqualTo("http://jaeger:4318/v1/traces");
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
    }

    @Test
    void a_property_set_explicitly_wins_over_the_defaults() {
        StandardEnvironment environment = environment(Map.of("management.tracing.sampling.probability", "0.5"));
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.5");
    }
}
