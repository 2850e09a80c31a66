package cn.dsr.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.platform.config.PlatformWebAutoConfiguration;
import java.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Every caller proves who it is with its bearer token on each request, so no request opens a web
 * session: making one drew a random id on another thread and came back on a third, two thread hops
 * per request in every service and the gateway.
 */
class StatelessRequestsTest {

    @Configuration
    static class WhereHandled {
        static final String ARRIVED_ON = "arrivedOn";

        /** Notes the thread a request arrives on, before the security chain. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        WebFilter arrival() {
            return (exchange, chain) -> {
                exchange.getAttributes().put(ARRIVED_ON, Thread.currentThread().getName());
                return chain.filter(exchange);
            };
        }

        /** Asks who the caller is, as the gateway's rate limits and every service's audit do, then answers where it ran. */
        @Bean
        RouterFunction<ServerResponse> thread() {
            return RouterFunctions.route().GET("/public/thread", request -> request.principal()
                    .map(Principal::getName)
                    .defaultIfEmpty("anonymous")
                    .flatMap(caller -> ServerResponse.ok().bodyValue(
                            request.attribute(ARRIVED_ON).orElseThrow() + " -> " + Thread.currentThread().getName()))).build();
        }
    }

    @Test
    void a_request_is_handled_on_the_thread_it_arrived_on_and_leaves_no_session_behind() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebFluxAutoConfiguration.class,
                        ReactiveWebSecurityAutoConfiguration.class,
                        ReactiveOAuth2ResourceServerAutoConfiguration.class, PlatformWebAutoConfiguration.class))
                .withUserConfiguration(WhereHandled.class)
                .withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks")
                .run(context -> {
                    DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                            .handle(new ReactorHttpHandlerAdapter(WebHttpHandlerBuilder.applicationContext(context).build())).bindNow();
                    try {
                        String threads = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + server.port()).build()
                                .get().uri("/public/thread").exchange()
                                .expectStatus().isOk()
                                .expectHeader().doesNotExist("Set-Cookie")
                                .expectBody(String.class).returnResult().getResponseBody();
                        String[] arrivedAndHandled = threads.split(" -> ");
                        assertThat(arrivedAndHandled[1]).as("arrived -> handled").isEqualTo(arrivedAndHandled[0]);
                    } finally {
                        server.disposeNow();
                    }
                });
    }
}
