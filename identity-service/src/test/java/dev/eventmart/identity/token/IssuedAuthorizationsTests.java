package dev.eventmart.identity.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class IssuedAuthorizationsTests {

    private final IssuedAuthorizations authorizations = new IssuedAuthorizations();

    @Test
    void forgetsClientCredentialsGrantsSoTheyCannotPileUp() {
        OAuth2Authorization grant = authorization("cc-1", AuthorizationGrantType.CLIENT_CREDENTIALS);

        authorizations.save(grant);

        assertThat(authorizations.findById("cc-1")).isNull();
    }

    @Test
    void keepsAuthorizationCodeGrantsForTheExchange() {
        OAuth2Authorization grant = authorization("code-1", AuthorizationGrantType.AUTHORIZATION_CODE);

        authorizations.save(grant);

        assertThat(authorizations.findById("code-1")).isEqualTo(grant);
    }

    private static OAuth2Authorization authorization(String id, AuthorizationGrantType grantType) {
        RegisteredClient client = RegisteredClient.withId("client").clientId("client")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(grantType)
                .redirectUri("http://localhost/callback")
                .build();
        return OAuth2Authorization.withRegisteredClient(client).id(id).principalName("alice")
                .authorizationGrantType(grantType).build();
    }
}
