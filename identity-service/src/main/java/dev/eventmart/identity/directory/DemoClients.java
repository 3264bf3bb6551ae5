package dev.eventmart.identity.directory;

import dev.eventmart.identity.IdentityProperties;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * The registered clients. In memory on purpose: they are seeded demo data that never changes while the service runs,
 * so a database would add a schema and a migration and hold nothing the configuration does not already say.
 * <p>
 * A client-credentials client acts as someone: its settings carry the {@code sub} and {@code roles} its tokens get
 * ({@link #subjectOf}, {@link #rolesOf}). That is the password-less demo path: {@code demo-alice} gets tokens for
 * customer {@code alice} without a browser.
 */
@Configuration(proxyBeanMethods = false)
public class DemoClients {

    private static final String SUBJECT = "eventmart.subject";
    private static final String ROLES = "eventmart.roles";
    private static final List<String> CUSTOMER_SCOPES = List.of("orders", "payments", "notifications");

    @Bean
    RegisteredClientRepository registeredClients(IdentityProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryRegisteredClientRepository(
                storefront(properties, encoder),
                actingAs("demo-alice", "alice", List.of("customer"), CUSTOMER_SCOPES, properties, encoder),
                actingAs("demo-bob", "bob", List.of("customer"), CUSTOMER_SCOPES, properties, encoder),
                actingAs("demo-ops", "olivia", List.of("ops"), List.of("orders", "payments", "notifications",
                        "analytics.read", "inventory.write"), properties, encoder),
                // What a web page's backend uses for anonymous visitors' activity: it can write events, never read.
                actingAs("activity-collector", "activity-collector", List.of(), List.of("activity.write"), properties,
                        encoder),
                // analytics instances asking each other for the state they hold (/internal/analytics/**).
                actingAs("analytics-service", "analytics-service", List.of("service"), List.of("analytics.read"),
                        properties, encoder),
                // A metrics scraper (Prometheus' oauth2 scrape option): Actuator's endpoints, none of the API.
                actingAs("prometheus", "prometheus", List.of("monitoring"), List.of("metrics"), properties,
                        encoder));
    }

    /** The subject a client-credentials token of this client is about. */
    public static String subjectOf(RegisteredClient client) {
        String subject = client.getClientSettings().getSetting(SUBJECT);
        return subject != null ? subject : client.getClientId();
    }

    /** The roles a client-credentials token of this client carries. */
    public static List<String> rolesOf(RegisteredClient client) {
        List<String> roles = client.getClientSettings().getSetting(ROLES);
        return roles != null ? roles : List.of();
    }

    /**
     * The storefront's backend (a backend-for-frontend): a confidential client, because the browser never sees a
     * token: the backend exchanges the code with its secret and keeps the tokens in the user's server-side session,
     * which is what Spring Security and the OAuth 2.0 for Browser-Based Applications draft recommend for a browser
     * app. PKCE stays required on top of the secret: it also binds the code to the login that asked for it.
     * First-party, so no consent screen. {@code analytics.read} is asked for everyone, and only staff's tokens can
     * use it: analytics-service wants the {@code ops} role with it.
     */
    private static RegisteredClient storefront(IdentityProperties properties, PasswordEncoder encoder) {
        return RegisteredClient.withId("storefront")
                .clientId("storefront")
                .clientSecret(encoder.encode(properties.clientSecret("storefront")))
                .clientAuthenticationMethods(methods -> methods.addAll(Set.of(
                        ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST)))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(properties.storefrontRedirectUris()))
                .scope(OidcScopes.OPENID)
                .scopes(scopes -> scopes.addAll(CUSTOMER_SCOPES))
                .scope("analytics.read")
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build();
    }

    private static RegisteredClient actingAs(String clientId, String subject, List<String> roles, List<String> scopes,
            IdentityProperties properties, PasswordEncoder encoder) {
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientSecret(encoder.encode(properties.clientSecret(clientId)))
                .clientAuthenticationMethods(methods -> methods.addAll(Set.of(
                        ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST)))
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(granted -> granted.addAll(scopes))
                .clientSettings(ClientSettings.builder().setting(SUBJECT, subject).setting(ROLES, roles).build())
                .build();
    }
}
