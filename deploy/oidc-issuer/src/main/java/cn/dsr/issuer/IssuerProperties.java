package cn.dsr.issuer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dsr.issuer.*}: signing key location, API audience and the demo directory (users in
 * {@code demo-users.yml}, extra claims for client_credentials clients in {@code application.yml}).
 */
@ConfigurationProperties("dsr.issuer")
public record IssuerProperties(Path keyFile, String audience, List<DemoUser> users, Map<String, ClientClaims> clientClaims) {

    public IssuerProperties {
        users = users == null ? List.of() : List.copyOf(users);
        clientClaims = clientClaims == null ? Map.of() : Map.copyOf(clientClaims);
    }

    public Optional<DemoUser> user(String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst();
    }

    /** A human user; {@code password} uses Spring's {id}-prefixed format, e.g. {@code {noop}demo}. */
    public record DemoUser(String username, String password, String name, String tenant, List<Role> roles, String inspectorId) {

        public DemoUser {
            requireTenant(tenant, username);
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        /** Claims shared by access and ID tokens; {@code sub} already carries the username. */
        public Map<String, Object> claims() {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("tenant", tenant);
            claims.put("roles", roleNames(roles));
            claims.put("name", name);
            claims.put("preferred_username", username);
            if (inspectorId != null) {
                claims.put("inspector_id", inspectorId);
            }
            return claims;
        }
    }

    /** Claims stamped on client_credentials access tokens of one client, keyed by client id. */
    public record ClientClaims(String tenant, List<Role> roles) {

        public ClientClaims {
            requireTenant(tenant, "client");
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        public Map<String, Object> claims() {
            return Map.of("tenant", tenant, "roles", roleNames(roles));
        }
    }

    private static List<String> roleNames(List<Role> roles) {
        return roles.stream().map(Role::name).toList();
    }

    private static void requireTenant(String tenant, String owner) {
        if (tenant == null || !tenant.matches("\\d{6}")) {
            throw new IllegalArgumentException("tenant of " + owner + " must be a six-digit division code, got " + tenant);
        }
    }
}
