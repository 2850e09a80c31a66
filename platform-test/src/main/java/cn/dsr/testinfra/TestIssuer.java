package cn.dsr.testinfra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in OIDC issuer for tests: serves its discovery document and JWKS on a loopback port and
 * mints RS256 tokens shaped like the local issuer's (tenant, roles, preferred_username, aud dsr-api),
 * so services validate them through their real resource-server configuration.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "dsr-api";
    public static final String JWKS_PATH = "/oauth2/jwks";
    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private static final Duration LIFETIME = Duration.ofHours(1);

    private final RSAKey key;
    private final HttpServer server;
    private final String issuerUri;

    private TestIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.issuerUri = "http://127.0.0.1:" + server.getAddress().getPort();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        String discovery = JSONObjectUtils.toJSONString(discoveryDocument());
        server.createContext(JWKS_PATH, exchange -> respond(exchange, jwks));
        server.createContext(DISCOVERY_PATH, exchange -> respond(exchange, discovery));
        server.start();
    }

    /** Generates a fresh RSA key and starts serving on a free loopback port. */
    public static TestIssuer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            return new TestIssuer(key, HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the issuer's RSA key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test issuer", e);
        }
    }

    public String issuerUri() {
        return issuerUri;
    }

    public String jwkSetUri() {
        return issuerUri + JWKS_PATH;
    }

    /** A valid token for one hour: {@code token("xh.operator", "330106", "district_operator")}. */
    public String token(String subject, String tenant, String... roles) {
        return tokenFor(subject).tenant(tenant).roles(roles).sign();
    }

    /** A builder for tokens with other claims or lifetimes, e.g. expired ones for negative tests. */
    public Token tokenFor(String subject) {
        return new Token(subject);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private Map<String, Object> discoveryDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuerUri);
        document.put("jwks_uri", jwkSetUri());
        document.put("authorization_endpoint", issuerUri + "/oauth2/authorize");
        document.put("token_endpoint", issuerUri + "/oauth2/token");
        document.put("response_types_supported", List.of("code"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of(JWSAlgorithm.RS256.getName()));
        return document;
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Claims of one token; {@link #sign()} mints it with the issuer's key. */
    public final class Token {

        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        private Instant issuedAt = Instant.now();
        private Instant expiresAt = issuedAt.plus(LIFETIME);

        private Token(String subject) {
            claims.subject(subject)
                    .issuer(issuerUri)
                    .audience(AUDIENCE)
                    .jwtID(UUID.randomUUID().toString())
                    .claim("preferred_username", subject)
                    .claim("roles", List.of());
        }

        public Token tenant(String tenant) {
            return claim("tenant", tenant);
        }

        public Token roles(String... roles) {
            return claim("roles", List.of(roles));
        }

        /** Any other claim, e.g. {@code claim("inspector_id", "…")}; a null value removes the claim. */
        public Token claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Token issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Token audience(String... audience) {
            claims.audience(List.of(audience));
            return this;
        }

        public Token issuedAt(Instant instant) {
            issuedAt = instant;
            return this;
        }

        public Token expiresAt(Instant instant) {
            expiresAt = instant;
            return this;
        }

        /** Expired well beyond the usual 60 s clock-skew allowance. */
        public Token expired() {
            return issuedAt(Instant.now().minus(Duration.ofHours(2))).expiresAt(Instant.now().minus(Duration.ofMinutes(10)));
        }

        public String sign() {
            JWTClaimsSet set = claims
                    .issueTime(Date.from(issuedAt))
                    .expirationTime(Date.from(expiresAt))
                    .build();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                    set);
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign token", e);
            }
            return jwt.serialize();
        }
    }
}
