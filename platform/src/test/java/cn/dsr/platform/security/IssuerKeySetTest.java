package cn.dsr.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.dsr.platform.config.PlatformWebAutoConfiguration;
import cn.dsr.platform.support.TransientFailure;
import cn.dsr.platform.web.ProblemHandler;
import cn.dsr.testinfra.TestIssuer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import tools.jackson.databind.json.JsonMapper;

class IssuerKeySetTest {

    final TestIssuer issuer = TestIssuer.start();
    final CountDownLatch released = new CountDownLatch(1);
    final AtomicInteger fetches = new AtomicInteger();
    final HttpServer silentIssuer = silentIssuer();

    /** Takes every request for its key set and never answers it. */
    HttpServer silentIssuer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext(TestIssuer.JWKS_PATH, exchange -> {
                fetches.incrementAndGet();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        released.countDown();
        silentIssuer.stop(0);
        issuer.close();
    }

    ReactiveJwtDecoder decoder(String jwkSetUri) {
        return NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).webClient(IssuerKeySet.client()).build();
    }

    @Test
    void a_token_whose_issuer_never_answers_for_its_keys_is_answered_503_within_seconds_and_the_next_one_asks_again() {
        ReactiveJwtDecoder tokens = decoder("http://127.0.0.1:" + silentIssuer.getAddress().getPort() + TestIssuer.JWKS_PATH);
        String token = issuer.token("xh.inspector1", "411622", "INSPECTOR");
        for (int attempt = 1; attempt <= 2; attempt++) {
            long started = System.nanoTime();
            Throwable failure = catchThrowable(() -> tokens.decode(token).block(Duration.ofSeconds(30)));
            assertThat(failure).hasMessageNotContaining("Timeout on blocking read");
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/inspection/tasks"));
            new ProblemHandler(JsonMapper.builder().build()).handle(exchange, failure).block();
            assertThat(exchange.getResponse().getStatusCode()).as("the caller is told to come back, as for a database out of reach")
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isBetween(IssuerKeySet.RESPONSE_TIMEOUT.minusMillis(500), IssuerKeySet.RESPONSE_TIMEOUT.plusSeconds(10));
            assertThat(fetches).as("a failed fetch is not kept").hasValue(attempt);
        }
    }

    @Test
    void a_token_signed_with_the_issuers_key_is_accepted() {
        ReactiveJwtDecoder tokens = decoder(issuer.jwkSetUri());
        assertThat(tokens.decode(issuer.token("xh.inspector1", "411622", "INSPECTOR")).block(Duration.ofSeconds(30)).getSubject())
                .isEqualTo("xh.inspector1");
    }

    @Test
    void the_decoder_boot_builds_for_every_service_and_the_gateway_fetches_the_key_set_within_the_same_bound() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
                        ReactiveOAuth2ResourceServerAutoConfiguration.class, PlatformWebAutoConfiguration.class))
                .withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:"
                        + silentIssuer.getAddress().getPort() + TestIssuer.JWKS_PATH)
                .run(context -> {
                    ReactiveJwtDecoder tokens = context.getBean(ReactiveJwtDecoder.class);
                    long started = System.nanoTime();
                    Throwable failure = catchThrowable(() -> tokens.decode(issuer.token("xh.inspector1", "411622", "INSPECTOR"))
                            .block(Duration.ofSeconds(30)));
                    assertThat(TransientFailure.is(failure)).as("a timed-out fetch, not the test's own wait: %s", failure).isTrue();
                    assertThat(Duration.ofNanos(System.nanoTime() - started))
                            .isBetween(IssuerKeySet.RESPONSE_TIMEOUT.minusMillis(500), IssuerKeySet.RESPONSE_TIMEOUT.plusSeconds(10));
                });
    }
}
