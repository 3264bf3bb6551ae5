package dev.eventmart.storefront.security;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * How the storefront checks the ID token of a login: Spring Security's checks (signature against identity-service's
 * keys, expiry, audience = this client, authorized party) plus its issuer. {@link OidcIdTokenValidator} compares the
 * issuer only with the one a client registration learnt by discovery, and the storefront names identity-service's
 * endpoints instead of discovering them (the browser and the backend may reach it under different addresses), so
 * without this any issuer signing with those keys would pass, against OpenID Connect Core 3.1.3.7.
 */
final class IdTokens {

    private IdTokens() {
    }

    /** The decoders Spring Security's OIDC login uses, checking {@code expectedIssuer} too. */
    static JwtDecoderFactory<ClientRegistration> decoders(String expectedIssuer) {
        OidcIdTokenDecoderFactory decoders = new OidcIdTokenDecoderFactory();
        decoders.setJwtValidatorFactory(registration -> validator(registration, expectedIssuer));
        return decoders;
    }

    static OAuth2TokenValidator<Jwt> validator(ClientRegistration registration, String expectedIssuer) {
        return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new OidcIdTokenValidator(registration),
                new JwtIssuerValidator(expectedIssuer));
    }
}
