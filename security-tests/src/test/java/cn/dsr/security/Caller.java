package cn.dsr.security;

import cn.dsr.issuer.client.DemoLogin;
import cn.dsr.stack.client.Stack;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A demo user of the local issuer (deploy/oidc-issuer demo-users.yml), as the matrix sees them. */
public record Caller(String username, String tenant, Set<String> roles) {

    /** Two districts of 周口 and the city itself, and a district of another city, 驻马店. */
    public static final List<Caller> ALL = List.of(
            new Caller("city.coord", "411600", Set.of("CITY_COORDINATOR")),
            new Caller("city.auditor", "411600", Set.of("AUDITOR")),
            new Caller("xh.operator", "411622", Set.of("DISTRICT_OPERATOR")),
            new Caller("xh.head", "411622", Set.of("DISTRICT_HEAD")),
            new Caller("xh.inspector1", "411622", Set.of("INSPECTOR")),
            new Caller("xh.auditor", "411622", Set.of("AUDITOR")),
            new Caller("ss.operator", "411623", Set.of("DISTRICT_OPERATOR")),
            new Caller("ss.head", "411623", Set.of("DISTRICT_HEAD")),
            new Caller("ss.inspector1", "411623", Set.of("INSPECTOR")),
            new Caller("zmd.coord", "411700", Set.of("CITY_COORDINATOR")),
            new Caller("xp.operator", "411721", Set.of("DISTRICT_OPERATOR")),
            new Caller("xp.head", "411721", Set.of("DISTRICT_HEAD")),
            new Caller("xp.inspector1", "411721", Set.of("INSPECTOR")));

    private static final Map<String, String> tokens = new ConcurrentHashMap<>();

    public static Caller named(String username) {
        return ALL.stream().filter(c -> c.username.equals(username)).findFirst().orElseThrow();
    }

    public String token() {
        return tokens.computeIfAbsent(username, u -> DemoLogin.accessToken(URI.create(Stack.get().issuerUri()), u, "demo"));
    }

    public String role() {
        return roles.iterator().next();
    }

    public boolean cityLevel() {
        return tenant.endsWith("00");
    }

    /** How a tenant's data stands to this caller. */
    public Relation relationTo(String owner) {
        if (owner.equals(tenant)) return Relation.OWN;
        boolean sameCity = owner.substring(0, 4).equals(tenant.substring(0, 4));
        if (!sameCity) return Relation.OTHER_CITY;
        if (cityLevel()) return Relation.CITY_DISTRICT;
        return owner.endsWith("00") ? Relation.DISTRICT_CITY : Relation.SIBLING_DISTRICT;
    }

    @Override
    public String toString() {
        return username;
    }

    /**
     * The tenant relations of the matrix. A city sees its districts' data by design; a district
     * may read some of its city's (the city's plans and lists); the rest are walls.
     */
    public enum Relation {
        OWN(false), CITY_DISTRICT(false), DISTRICT_CITY(false), SIBLING_DISTRICT(true), OTHER_CITY(true);

        public final boolean wall;

        Relation(boolean wall) {
            this.wall = wall;
        }
    }
}
