package cn.dsr.platform.tenant;

import cn.dsr.platform.web.ProblemException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Who is calling, derived only from the validated token — never from request headers or bodies.
 * The tenant is the administrative-division code (GB/T 2260) of the caller's bureau.
 */
public record CurrentUser(String subject, String username, String tenant, Set<String> roles, String inspectorId) {

    public static final String TENANT_CLAIM = "tenant";
    public static final String ROLES_CLAIM = "roles";
    public static final String INSPECTOR_CLAIM = "inspector_id";

    public static CurrentUser of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
        return new CurrentUser(
                jwt.getSubject(),
                jwt.getClaimAsString("preferred_username"),
                jwt.getClaimAsString(TENANT_CLAIM),
                roles == null ? Set.of() : Set.copyOf(roles),
                jwt.getClaimAsString(INSPECTOR_CLAIM));
    }

    public static Mono<CurrentUser> current() {
        return ReactiveSecurityContextHolder.getContext()
                .map(ctx -> ctx.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> of(((JwtAuthenticationToken) auth).getToken()))
                .switchIfEmpty(Mono.error(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "Not authenticated", "a bearer token is required")));
    }

    /**
     * The tenant scopes this caller may see (the value of {@code app.tenant}): its own bureau,
     * and for city-level coordinators and auditors every district of the city (prefix scope).
     */
    public List<String> visibleTenants() {
        if (tenant == null) return List.of();
        if (isCityLevel(tenant) && hasAnyRole(List.of(Roles.CITY_COORDINATOR, Roles.AUDITOR))) {
            return List.of(tenant, tenant.substring(0, 4) + "*");
        }
        return List.of(tenant);
    }

    /** A GB/T 2260 code of a prefecture-level city: PPCC00 with CC ≠ 00. */
    public static boolean isCityLevel(String division) {
        return division.length() == 6 && division.chars().allMatch(Character::isDigit)
                && division.endsWith("00") && !division.endsWith("0000");
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Collection<String> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** Fails with 403 unless the caller has one of the roles. */
    public Mono<CurrentUser> require(String... anyOf) {
        return hasAnyRole(List.of(anyOf))
                ? Mono.just(this)
                : Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", "requires one of the roles " + String.join(", ", anyOf)));
    }
}
