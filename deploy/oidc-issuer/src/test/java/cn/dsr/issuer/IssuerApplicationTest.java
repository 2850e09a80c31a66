package cn.dsr.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import cn.dsr.issuer.client.DemoLogin;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IssuerApplicationTest {

    // A fresh, not yet existing nested path: the first context must create the directories and the key.
    private static final Path KEY_FILE = Path.of("target", "test-keys", UUID.randomUUID().toString(), "jwk.json");

    @DynamicPropertySource
    static void keyFile(DynamicPropertyRegistry registry) {
        registry.add("dsr.issuer.key-file", KEY_FILE::toString);
    }

    @LocalServerPort
    int port;

    @Test
    void inspectorLoginYieldsSignedTokenWithPlatformClaims() throws Exception {
        String token = DemoLogin.accessToken(base(), "xh.inspector1", "demo");

        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet keys = JWKSet.parse(get(base().resolve("/oauth2/jwks")));
        assertThat(jwt.verify(new RSASSAVerifier(keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey()))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://localhost:9000");
        assertThat(claims.getAudience()).contains("dsr-api");
        assertThat(claims.getSubject()).isEqualTo("xh.inspector1");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("411622");
        assertThat(claims.getStringListClaim("roles")).containsExactly("INSPECTOR");
        assertThat(claims.getStringClaim("inspector_id")).isEqualTo("xh-insp-01");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("xh.inspector1");
        assertThat(claims.getStringClaim("name")).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void wrongPasswordFailsWithClearMessage() {
        assertThatThrownBy(() -> DemoLogin.accessToken(base(), "xh.operator", "not-demo"))
                .isInstanceOf(DemoLogin.LoginFailedException.class)
                .hasMessageContaining("xh.operator")
                .hasMessageContaining("wrong username or password");
    }

    @Test
    void creditBureauClientCredentialsCarryFeedConsumerRole() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(DemoLogin.clientCredentials(base(), "credit-bureau", "credit-bureau-secret"))
                .getJWTClaimsSet();

        assertThat(claims.getSubject()).isEqualTo("credit-bureau");
        assertThat(claims.getAudience()).contains("dsr-api");
        assertThat(claims.getStringListClaim("roles")).containsExactly("FEED_CONSUMER");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("411600");
    }

    @Test
    void signingKeyFileIsReusedByTheNextContext() throws Exception {
        assertThat(KEY_FILE).exists();
        String kid = onlyKeyId(base());

        // Command-line arguments: builder default properties would lose to application.yml.
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(IssuerApplication.class)
                .run("--server.port=0", "--dsr.issuer.key-file=" + KEY_FILE)) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            assertThat(onlyKeyId(URI.create("http://localhost:" + secondPort))).isEqualTo(kid);
        }
    }

    @Test
    void discoveryAndHealthArePublic() throws Exception {
        assertThat(get(base().resolve("/.well-known/openid-configuration")))
                .contains("\"issuer\":\"http://localhost:9000\"", "/oauth2/jwks");
        assertThat(get(base().resolve("/actuator/health"))).contains("UP");
    }

    private URI base() {
        return URI.create("http://localhost:" + port);
    }

    private static String onlyKeyId(URI base) throws Exception {
        JWKSet keys = JWKSet.parse(get(base.resolve("/oauth2/jwks")));
        assertThat(keys.getKeys()).hasSize(1);
        return keys.getKeys().get(0).getKeyID();
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return response.body();
    }
}
