package dev.eventmart.storefront.activity;

import dev.eventmart.storefront.StorefrontProperties;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends activity to analytics-service's {@code POST /api/activity/batch} as the {@code activity-collector} client
 * (client credentials, {@code activity.write} only). Users' own tokens cannot write activity, and should not: the
 * storefront's backend states whose activity it is, from the session, so a page cannot report for someone else. The
 * collector's token is the storefront's, kept once for every session (not in each user's session) and renewed when it
 * expires.
 */
@Component
class ActivityForwarder {

    static final String REGISTRATION = "activity";
    private static final String PRINCIPAL = "storefront";

    private final AuthorizedClientServiceOAuth2AuthorizedClientManager tokens;
    private final RestClient analytics;
    private final JsonMapper json;

    ActivityForwarder(ClientRegistrationRepository registrations, StorefrontProperties properties,
            RestClient.Builder restClients, JsonMapper json) {
        this.json = json;
        this.tokens = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                new InMemoryOAuth2AuthorizedClientService(registrations));
        this.tokens.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials()
                .build());
        this.analytics = restClients.baseUrl(properties.services().analytics().toString()).build();
    }

    /**
     * Forwards the items as one batch with the visitor's User-Agent and address, which analytics-service turns into
     * the device type and client IP; answers analytics-service's status and per-item results.
     */
    ResponseEntity<JsonNode> send(List<Map<String, Object>> items, Visitor visitor) {
        OAuth2AuthorizedClient client = tokens.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
                .principal(PRINCIPAL).build());
        if (client == null) {
            throw new IllegalStateException("identity-service gave no token to the activity-collector client");
        }
        return analytics.post().uri("/api/activity/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    headers.setBearerAuth(client.getAccessToken().getTokenValue());
                    if (visitor.userAgent() != null) {
                        headers.set("User-Agent", visitor.userAgent());
                    }
                    headers.set("X-Forwarded-For", visitor.address());
                })
                // As bytes, so the request has a Content-Length: analytics-service refuses a body without one.
                .body(json.writeValueAsBytes(items))
                .retrieve()
                .toEntity(JsonNode.class);
    }

    /** Who is acting, as the session knows it, and what their browser told us. */
    record Visitor(String userId, String sessionId, String userAgent, String address) {
    }
}
