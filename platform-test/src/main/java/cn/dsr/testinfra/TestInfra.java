package cn.dsr.testinfra;

import cn.dsr.infra.ServiceDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The test infrastructure every module's tests share: one PostgreSQL, one Kafka broker and one OIDC
 * issuer per test JVM, started on first use and stopped by a JVM shutdown hook. Containers when
 * Docker is available, otherwise the embedded server and in-process broker; callers cannot tell.
 * {@code DSR_TEST_INFRA=embedded|containers} forces one or the other.
 *
 * <pre>{@code
 * static final ServiceDatabase DB = TestInfra.get().newDatabase("roster");
 *
 * @DynamicPropertySource
 * static void infra(DynamicPropertyRegistry registry) {
 *     TestInfra.get().springProperties(DB).forEach((name, value) -> registry.add(name, () -> value));
 * }
 * }</pre>
 */
public final class TestInfra {

    private static final Logger log = LoggerFactory.getLogger(TestInfra.class);
    private static TestInfra instance;

    private final Backend backend;
    private final TestIssuer issuer;
    private final boolean containers;

    private TestInfra(Backend backend, TestIssuer issuer, boolean containers) {
        this.backend = backend;
        this.issuer = issuer;
        this.containers = containers;
    }

    public static synchronized TestInfra get() {
        if (instance == null) {
            long started = System.nanoTime();
            boolean containers = useContainers();
            TestIssuer issuer = TestIssuer.start();
            Backend backend = containers ? new ContainerBackend() : new EmbeddedBackend();
            instance = new TestInfra(backend, issuer, containers);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "test-infra-shutdown"));
            log.info("Test infrastructure ({}) up in {} ms: Kafka {}, issuer {}",
                    containers ? "containers" : "embedded", (System.nanoTime() - started) / 1_000_000,
                    backend.kafkaBootstrap(), issuer.issuerUri());
        }
        return instance;
    }

    /** A fresh database named {@code <prefix>_<random>}, with its owner and app roles. */
    public ServiceDatabase newDatabase(String prefix) {
        return backend.createDatabase(prefix.toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String kafkaBootstrap() {
        return backend.kafkaBootstrap();
    }

    /** Takes the broker away; {@link #startKafka()} brings it back on the same address with its data. */
    public void stopKafka() {
        backend.stopKafka();
    }

    public void startKafka() {
        backend.startKafka();
    }

    /** Takes PostgreSQL away; {@link #startPostgres()} brings it back on the same port with its data. */
    public void stopPostgres() {
        backend.stopPostgres();
    }

    public void startPostgres() {
        backend.startPostgres();
    }

    public TestIssuer issuer() {
        return issuer;
    }

    public boolean usesContainers() {
        return containers;
    }

    /**
     * What a service needs to run against this infrastructure: R2DBC as the app role, Flyway as the
     * owner role, the Kafka bootstrap servers and the issuer.
     */
    public Map<String, String> springProperties(ServiceDatabase db) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.r2dbc.url", db.r2dbcUrl());
        properties.put("spring.r2dbc.username", db.appUser());
        properties.put("spring.r2dbc.password", db.appPassword());
        properties.put("spring.flyway.url", db.jdbcUrl());
        properties.put("spring.flyway.user", db.ownerUser());
        properties.put("spring.flyway.password", db.ownerPassword());
        properties.put("dsr.kafka.bootstrap-servers", kafkaBootstrap());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer.issuerUri());
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer.jwkSetUri());
        return Collections.unmodifiableMap(properties);
    }

    private void shutdown() {
        try {
            issuer.close();
        } finally {
            backend.shutdown();
        }
    }

    private static boolean useContainers() {
        String forced = System.getenv("DSR_TEST_INFRA");
        if ("embedded".equals(forced)) {
            return false;
        }
        if ("containers".equals(forced)) {
            return true;
        }
        return DockerClientFactory.instance().isDockerAvailable();
    }
}
