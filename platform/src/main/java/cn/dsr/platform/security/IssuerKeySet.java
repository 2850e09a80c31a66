package cn.dsr.platform.security;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * How the issuer's key set (JWKS) is fetched. Spring Security's default client waits for ever, so
 * an issuer that took the connection and never answered held every request that needed its keys
 * (the first after a start, the first signed with a rotated key) until its caller gave up. Bounded,
 * such a request is answered 503 with Retry-After within {@link #RESPONSE_TIMEOUT} (a timeout is a
 * TransientFailure) and the next one fetches again: a failed fetch is not kept.
 */
public final class IssuerKeySet {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);

    private IssuerKeySet() {}

    public static WebClient client() {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .responseTimeout(RESPONSE_TIMEOUT);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }
}
