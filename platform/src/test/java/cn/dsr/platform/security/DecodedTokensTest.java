package cn.dsr.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

class DecodedTokensTest {

    Instant now = Instant.parse("2026-12-06T08:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    final List<String> verified = new ArrayList<>();
    /** Verifies like the issuer's decoder: "bad" tokens are refused, others expire five minutes after now. */
    final DecodedTokens tokens = new DecodedTokens(token -> {
        verified.add(token);
        if (token.startsWith("bad")) return Mono.error(new BadJwtException("signature"));
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(5))).build());
    }, clock);

    @Test
    void a_token_used_again_within_a_minute_is_verified_once() {
        assertThat(tokens.decode("inspector-a").block().getSubject()).isEqualTo("inspector-a");
        now = now.plusSeconds(30);
        assertThat(tokens.decode("inspector-a").block().getSubject()).isEqualTo("inspector-a");
        assertThat(tokens.decode("inspector-b").block().getSubject()).isEqualTo("inspector-b");
        assertThat(verified).containsExactly("inspector-a", "inspector-b");
    }

    @Test
    void after_a_minute_the_token_is_verified_again_so_a_withdrawn_key_stops_working_within_a_minute() {
        tokens.decode("inspector-a").block();
        now = now.plusSeconds(61);
        tokens.decode("inspector-a").block();
        assertThat(verified).containsExactly("inspector-a", "inspector-a");
    }

    @Test
    void a_kept_token_past_its_expiry_is_not_accepted_from_memory() {
        DecodedTokens shortLived = new DecodedTokens(token -> {
            verified.add(token);
            return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                    .issuedAt(now).expiresAt(now.plusSeconds(20)).build());
        }, clock);
        shortLived.decode("inspector-a").block();
        now = now.plusSeconds(21);
        shortLived.decode("inspector-a").block();
        assertThat(verified).containsExactly("inspector-a", "inspector-a");
    }

    @Test
    void a_refused_token_is_not_kept_and_is_refused_every_time() {
        assertThatThrownBy(() -> tokens.decode("bad-1").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad-1").block()).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("bad-1", "bad-1");
    }
}
