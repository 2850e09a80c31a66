package cn.dsr.testinfra;

import cn.dsr.infra.ServiceDatabase;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestInfraTest {

    private final TestInfra infra = TestInfra.get();

    @Test
    void eachCallGivesAFreshDatabaseTheAppRoleCanUseAfterPostgresRestarts() throws Exception {
        ServiceDatabase first = infra.newDatabase("roster");
        ServiceDatabase second = infra.newDatabase("roster");
        assertThat(first.name()).startsWith("roster_").isNotEqualTo(second.name());

        try (Connection owner = DriverManager.getConnection(first.jdbcUrl(), first.ownerUser(), first.ownerPassword());
             Statement sql = owner.createStatement()) {
            sql.execute("CREATE TABLE plan (id int PRIMARY KEY)");
            sql.execute("GRANT SELECT, INSERT ON plan TO " + first.appUser());
        }
        infra.stopPostgres();
        infra.startPostgres();
        try (Connection app = DriverManager.getConnection(first.jdbcUrl(), first.appUser(), first.appPassword());
             Statement sql = app.createStatement()) {
            sql.execute("INSERT INTO plan VALUES (1)");
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM plan")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void kafkaComesBackOnTheSameAddressWithItsData() {
        String bootstrap = infra.kafkaBootstrap();
        send(bootstrap, "draw.executed.v1", "before the outage");
        infra.stopKafka();
        infra.startKafka();
        assertThat(infra.kafkaBootstrap()).isEqualTo(bootstrap);
        send(bootstrap, "draw.executed.v1", "after the outage");
        assertThat(consumeAll(bootstrap, "draw.executed.v1", 2)).containsExactly("before the outage", "after the outage");
    }

    @Test
    void issuerTokensVerifyAgainstItsPublishedKeys() throws Exception {
        TestIssuer issuer = infra.issuer();
        Map<String, Object> discovery = JSONObjectUtils.parse(get(issuer.issuerUri() + TestIssuer.DISCOVERY_PATH));
        assertThat(discovery).containsEntry("issuer", issuer.issuerUri()).containsEntry("jwks_uri", issuer.jwkSetUri());
        RSAKey publicKey = JWKSet.parse(get(issuer.jwkSetUri())).getKeys().get(0).toRSAKey();
        assertThat(publicKey.isPrivate()).isFalse();

        SignedJWT token = SignedJWT.parse(issuer.token("xh.operator", "330106", "district_operator"));
        assertThat(token.verify(new RSASSAVerifier(publicKey))).isTrue();
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuerUri());
        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("dsr-api");
        assertThat(token.getJWTClaimsSet().getStringClaim("tenant")).isEqualTo("330106");
        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("district_operator");
        assertThat(token.getJWTClaimsSet().getStringClaim("preferred_username")).isEqualTo("xh.operator");
        assertThat(token.getJWTClaimsSet().getExpirationTime()).isAfter(Instant.now());

        SignedJWT expired = SignedJWT.parse(issuer.tokenFor("xh.inspector1").tenant("330106").roles("inspector")
                .claim("inspector_id", "I-0001").expired().sign());
        assertThat(expired.getJWTClaimsSet().getExpirationTime()).isBefore(Instant.now().minusSeconds(60));
        assertThat(expired.getJWTClaimsSet().getStringClaim("inspector_id")).isEqualTo("I-0001");
    }

    @Test
    void springPropertiesWireTheAppRoleForR2dbcAndTheOwnerForFlyway() {
        ServiceDatabase db = infra.newDatabase("disclosure");
        assertThat(infra.springProperties(db)).containsExactly(
                Map.entry("spring.r2dbc.url", db.r2dbcUrl()),
                Map.entry("spring.r2dbc.username", db.appUser()),
                Map.entry("spring.r2dbc.password", db.appPassword()),
                Map.entry("spring.flyway.url", db.jdbcUrl()),
                Map.entry("spring.flyway.user", db.ownerUser()),
                Map.entry("spring.flyway.password", db.ownerPassword()),
                Map.entry("dsr.kafka.bootstrap-servers", infra.kafkaBootstrap()),
                Map.entry("spring.security.oauth2.resourceserver.jwt.issuer-uri", infra.issuer().issuerUri()),
                Map.entry("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", infra.issuer().jwkSetUri()));
    }

    private static String get(String uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void send(String bootstrap, String topic, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "d-1", value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> consumeAll(String bootstrap, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-infra-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
