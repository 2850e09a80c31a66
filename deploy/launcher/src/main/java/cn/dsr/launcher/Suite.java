package cn.dsr.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the local stack runs: the OIDC issuer (started first, skipped when an external issuer is
 * configured) and the services. Adding a service is one line in {@link #standard()}.
 */
public record Suite(ServiceSpec issuer, List<ServiceSpec> services) {

    public Suite {
        services = List.copyOf(services);
    }

    public static Suite standard() {
        ServiceSpec issuer = ServiceSpec.withoutDatabase("oidc-issuer", "deploy/oidc-issuer/target/oidc-issuer-exec.jar", 9000,
                Map.of("DSR_ISSUER_KEY_FILE", ".local/issuer/jwk.json"));
        ServiceSpec roster = ServiceSpec.withDatabase("roster-service", "roster-service/target/roster-service-exec.jar", 8081, "roster");
        ServiceSpec draw = ServiceSpec.withDatabase("draw-service", "draw-service/target/draw-service-exec.jar", 8082, "draw");
        ServiceSpec inspection = ServiceSpec.withDatabase("inspection-service", "inspection-service/target/inspection-service-exec.jar", 8083, "inspection");
        ServiceSpec disclosure = ServiceSpec.withDatabase("disclosure-service", "disclosure-service/target/disclosure-service-exec.jar", 8084, "disclosure");
        ServiceSpec gateway = ServiceSpec.withoutDatabase("gateway", "gateway/target/gateway-exec.jar", 8080, Map.of(
                "DSR_ROSTER_URI", roster.url(),
                "DSR_DRAW_URI", draw.url(),
                "DSR_INSPECTION_URI", inspection.url(),
                "DSR_DISCLOSURE_URI", disclosure.url()));
        return new Suite(issuer, List.of(roster, draw, inspection, disclosure, gateway));
    }

    /**
     * The same suite with every jar resolved against {@code root}, so that it can run with another
     * home (and so another {@code .local/}), as the system tests do to keep a developer's data.
     */
    public Suite builtIn(Path root) {
        return new Suite(issuer.withJar(root.resolve(issuer.jar())),
                services.stream().map(spec -> spec.withJar(root.resolve(spec.jar()))).toList());
    }

    public ServiceSpec service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }
}
