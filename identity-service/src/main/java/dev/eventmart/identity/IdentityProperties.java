package dev.eventmart.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The issuer's settings. Secrets have defaults only in the {@code local} profile; anywhere else a missing one stops
 * the start, naming every environment variable still to set.
 *
 * @param audience               the {@code aud} of every access token: what the resource servers expect
 * @param signingKey             a PEM RSA private key, the path of a file holding one, or {@code generate} for a key
 *                               made at start (tokens then die with a restart)
 * @param storefrontRedirectUris where the storefront may receive authorization codes
 * @param clientSecrets          client id → secret, each from {@code <CLIENT_ID>_SECRET}
 * @param userPasswords          user name → password, each from {@code <USER>_PASSWORD}
 */
@ConfigurationProperties("eventmart.identity")
public record IdentityProperties(String audience, String signingKey, List<String> storefrontRedirectUris,
        Map<String, String> clientSecrets, Map<String, String> userPasswords) {

    public IdentityProperties {
        List<String> missing = new ArrayList<>();
        if (isBlank(signingKey)) {
            missing.add("AUTH_SIGNING_KEY");
        }
        clientSecrets.forEach((client, secret) -> {
            if (isBlank(secret)) {
                missing.add(variable(client, "SECRET"));
            }
        });
        userPasswords.forEach((user, password) -> {
            if (isBlank(password)) {
                missing.add(variable(user, "PASSWORD"));
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("identity-service needs " + String.join(", ", missing)
                    + " in the environment (README, \"Security\"); only the local profile"
                    + " (SPRING_PROFILES_ACTIVE=local) has demo defaults");
        }
    }

    public String clientSecret(String clientId) {
        return required(clientSecrets, clientId, "SECRET");
    }

    public String userPassword(String userName) {
        return required(userPasswords, userName, "PASSWORD");
    }

    private static String required(Map<String, String> secrets, String name, String kind) {
        String secret = secrets.get(name);
        if (secret == null) {
            throw new IllegalStateException("No " + variable(name, kind) + " in eventmart.identity (application.yml)");
        }
        return secret;
    }

    /** {@code demo-alice} → {@code DEMO_ALICE_SECRET}: the variable application.yml reads it from. */
    private static String variable(String name, String kind) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_') + "_" + kind;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
