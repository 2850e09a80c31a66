package cn.dsr.platform.config;

import cn.dsr.platform.security.DecodedTokens;
import cn.dsr.platform.security.IssuerKeySet;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.web.CorrelationId;
import cn.dsr.platform.web.ProblemHandler;
import java.time.Clock;
import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web side shared by every service and the gateway: correlation ids, problem details, and
 * the resource-server security that derives the caller from the validated token alone.
 */
@AutoConfiguration
public class PlatformWebAutoConfiguration {

    /** Paths any caller may reach; everything else needs a valid token. */
    public static final String[] OPEN_PATHS = {
            "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/v3/api-docs/**", "/public/**"};

    @Bean
    CorrelationId correlationIdFilter() {
        return new CorrelationId();
    }

    /**
     * The server exchange and the outgoing calls are observed (their spans carry the trace, their
     * timers are http.server.requests and http.client.requests); the security filter chain is not:
     * its four or five observations per request, each a span, a timer and a long-task timer, took
     * 14 % of the gateway's CPU on a public read and 5-7 % of a service's, and tell nothing more.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** The token decoder Boot configures (issuer, audience, signature) keeps what it accepted for a minute. */
    @Bean
    static BeanPostProcessor decodedTokens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof DecodedTokens)
                        ? new DecodedTokens(decoder, Clock.systemUTC()) : bean;
            }
        };
    }

    /** The issuer's key set is fetched with a connect and a response timeout ({@link IssuerKeySet}). */
    @Bean
    JwkSetUriReactiveJwtDecoderBuilderCustomizer boundedKeySetFetch() {
        return builder -> builder.webClient(IssuerKeySet.client());
    }

    @Bean
    @Order(-2) // before Boot's default error handler, so every error is problem+json
    ProblemHandler problemHandler(JsonMapper json) {
        return new ProblemHandler(json);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemHandler problems,
                                                  @Value("${dsr.security.extra-open-paths:}") String[] extraOpenPaths) {
        String[] open = java.util.stream.Stream.concat(java.util.Arrays.stream(OPEN_PATHS), java.util.Arrays.stream(extraOpenPaths))
                .filter(path -> !path.isBlank()).toArray(String[]::new);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // Stateless: every request carries its bearer token. The default repository opened a
                // WebSession per request, which made a random id on boundedElastic and came back on
                // parallel (two thread hops a request, and the rest of it off the event loop).
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(ex -> ex.pathMatchers(open).permitAll().anyExchange().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(rs -> rs
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromToken())))
                .build();
    }

    /** Maps the token's {@code roles} claim to {@code ROLE_*} authorities. */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> rolesFromToken() {
        Converter<Jwt, AbstractAuthenticationToken> converter = jwt -> {
            Collection<String> roles = CurrentUser.of(jwt).roles();
            return new JwtAuthenticationToken(jwt,
                    roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).collect(Collectors.toList()),
                    jwt.getSubject());
        };
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
