package dev.eventmart.identity.token;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;

/**
 * What the server remembers of the grants it made: in memory, except client-credentials grants. The server stores
 * each one only for introspection and revocation, which EventMart does not use (the services check the JWT's
 * signature themselves), and in memory they would pile up for as long as the service runs, one per token request.
 * Authorization codes, and the logins they lead to, are kept: exchanging a code and refreshing need them.
 */
@Component
class IssuedAuthorizations implements OAuth2AuthorizationService {

    private final InMemoryOAuth2AuthorizationService memory = new InMemoryOAuth2AuthorizationService();

    @Override
    public void save(OAuth2Authorization authorization) {
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            memory.save(authorization);
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        memory.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return memory.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return memory.findByToken(token, tokenType);
    }
}
