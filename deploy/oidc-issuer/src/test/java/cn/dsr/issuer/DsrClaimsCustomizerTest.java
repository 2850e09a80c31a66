package cn.dsr.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

import cn.dsr.issuer.IssuerProperties.DemoUser;

/** ID tokens are not returned by DemoLogin, so their claims are checked on the customizer directly. */
class DsrClaimsCustomizerTest {

    private final DsrClaimsCustomizer customizer = new DsrClaimsCustomizer(new IssuerProperties(null, "dsr-api",
            List.of(new DemoUser("ss.inspector2", "{noop}demo", "商水县检查员二", "411623", List.of(Role.INSPECTOR), "ss-insp-02")),
            Map.of()));

    private final RegisteredClient web = RegisteredClient.withId("dsr-web").clientId("dsr-web")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("http://localhost:8080/login/oauth2/code/dsr")
            .scope("openid")
            .build();

    @Test
    void idTokenCarriesUserClaimsButKeepsClientAudience() {
        Map<String, Object> claims = customize(new OAuth2TokenType(OidcParameterNames.ID_TOKEN));

        assertThat(claims).containsEntry("tenant", "411623")
                .containsEntry("roles", List.of("INSPECTOR"))
                .containsEntry("name", "商水县检查员二")
                .containsEntry("preferred_username", "ss.inspector2")
                .containsEntry("inspector_id", "ss-insp-02")
                .containsEntry("aud", List.of("dsr-web"));
    }

    @Test
    void accessTokenAddsApiAudience() {
        assertThat(customize(OAuth2TokenType.ACCESS_TOKEN)).containsEntry("aud", List.of("dsr-web", "dsr-api"));
    }

    private Map<String, Object> customize(OAuth2TokenType type) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject("ss.inspector2").audience(List.of("dsr-web")).issuedAt(Instant.now());
        customizer.customize(JwtEncodingContext.with(JwsHeader.with(SignatureAlgorithm.RS256), claims)
                .registeredClient(web)
                .principal(UsernamePasswordAuthenticationToken.authenticated("ss.inspector2", null, List.of()))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .tokenType(type)
                .build());
        return claims.build().getClaims();
    }
}
