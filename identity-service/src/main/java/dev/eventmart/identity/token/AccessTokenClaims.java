package dev.eventmart.identity.token;

import dev.eventmart.identity.IdentityProperties;
import dev.eventmart.identity.directory.DemoClients;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * The claims every access token carries beyond the standard ones: {@code sub} (the customer id for a customer, the
 * user name for staff, the subject a client-credentials client acts as), {@code aud} (the platform, not the client)
 * and {@code roles} (a JSON array: who the caller is; {@code scope} stays as granted: what the client may ask for).
 * ID tokens keep the client as their audience, as OpenID Connect requires, and carry the user's {@code roles} too:
 * the storefront's backend reads them from the ID token to know staff from customers without decoding an access
 * token meant for the services.
 */
@Component
class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private static final String ROLE_PREFIX = "ROLE_";

    private final String audience;

    AccessTokenClaims(IdentityProperties properties) {
        this.audience = properties.audience();
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            context.getClaims().claim("roles", rolesOf(context.getPrincipal()));
            return;
        }
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        RegisteredClient client = context.getRegisteredClient();
        boolean clientActsAlone = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
        Authentication user = context.getPrincipal();
        context.getClaims()
                .subject(clientActsAlone ? DemoClients.subjectOf(client) : user.getName())
                .audience(List.of(audience))
                .claim("roles", clientActsAlone ? DemoClients.rolesOf(client) : rolesOf(user));
    }

    private static List<String> rolesOf(Authentication user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .toList();
    }
}
