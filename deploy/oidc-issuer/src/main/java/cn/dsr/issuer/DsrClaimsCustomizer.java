package cn.dsr.issuer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the platform claims ({@code tenant}, {@code roles}, {@code name}, {@code preferred_username},
 * {@code inspector_id}) on access and ID tokens, and the API audience on access tokens, which is all
 * the services rely on — any production OIDC provider must emit the same.
 */
final class DsrClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final IssuerProperties properties;

    DsrClaimsCustomizer(IssuerProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        Map<String, Object> claims = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                ? clientClaims(context.getRegisteredClient().getClientId())
                : userClaims(context.getPrincipal().getName());
        context.getClaims().claims(c -> c.putAll(claims));
        if (accessToken) {
            // Keep the default client-id audience; services only check that dsr-api is present.
            context.getClaims().claims(c -> c.put(JwtClaimNames.AUD, withAudience(c.get(JwtClaimNames.AUD))));
        }
    }

    private Map<String, Object> clientClaims(String clientId) {
        return Optional.ofNullable(properties.clientClaims().get(clientId)).map(IssuerProperties.ClientClaims::claims).orElse(Map.of());
    }

    private Map<String, Object> userClaims(String username) {
        return properties.user(username)
                .orElseThrow(() -> new IllegalStateException("authenticated user " + username + " is not in the demo directory"))
                .claims();
    }

    private List<String> withAudience(Object existing) {
        List<String> audience = new ArrayList<>();
        if (existing instanceof Collection<?> values) {
            values.forEach(v -> audience.add(v.toString()));
        } else if (existing != null) {
            audience.add(existing.toString());
        }
        if (!audience.contains(properties.audience())) {
            audience.add(properties.audience());
        }
        return audience;
    }
}
