package dev.eventmart.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;

class IdTokensTests {

    private static final String ISSUER = "http://localhost:9000";

    private static final ClientRegistration STOREFRONT = ClientRegistration.withRegistrationId("eventmart")
            .clientId("storefront").clientSecret("secret")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid")
            .authorizationUri(ISSUER + "/oauth2/authorize").tokenUri(ISSUER + "/oauth2/token")
            .jwkSetUri(ISSUER + "/oauth2/jwks").build();

    @Test
    void acceptsAnIdTokenOfTheExpectedIssuerForThisClient() {
        assertThat(IdTokens.validator(STOREFRONT, ISSUER).validate(idToken(ISSUER, "storefront")).getErrors())
                .isEmpty();
    }

    @Test
    void refusesAnIdTokenOfAnotherIssuer() {
        assertThat(IdTokens.validator(STOREFRONT, ISSUER).validate(idToken("http://elsewhere:9000", "storefront"))
                .getErrors()).extracting(OAuth2Error::getDescription).anyMatch(text -> text.contains("iss"));
    }

    @Test
    void stillRefusesAnIdTokenForAnotherClient() {
        assertThat(IdTokens.validator(STOREFRONT, ISSUER).validate(idToken(ISSUER, "someone-else")).getErrors())
                .isNotEmpty();
    }

    private static Jwt idToken(String issuer, String audience) {
        Instant now = Instant.now();
        return Jwt.withTokenValue("token").header("alg", "RS256").issuer(issuer).subject("alice")
                .audience(List.of(audience)).issuedAt(now).expiresAt(now.plusSeconds(300)).build();
    }
}
