package cn.dsr.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One process of the suite: its runnable jar (relative to the project root), its HTTP port, the
 * database it owns (if any) and environment variables of its own on top of the common ones.
 */
public record ServiceSpec(String name, Path jar, int port, Optional<String> database, Map<String, String> environment) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(database, "database");
        environment = Map.copyOf(environment);
    }

    public static ServiceSpec withDatabase(String name, String jar, int port, String database) {
        return new ServiceSpec(name, Path.of(jar), port, Optional.of(database), Map.of());
    }

    public static ServiceSpec withoutDatabase(String name, String jar, int port, Map<String, String> environment) {
        return new ServiceSpec(name, Path.of(jar), port, Optional.empty(), environment);
    }

    public ServiceSpec withJar(Path jar) {
        return new ServiceSpec(name, jar, port, database, environment);
    }

    public String url() {
        return "http://localhost:" + port;
    }
}
