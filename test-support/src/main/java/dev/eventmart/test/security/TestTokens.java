package dev.eventmart.test.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Stands in for identity-service in a test JVM: an RSA key whose public half is served as a JWKS, a client-credentials
 * token endpoint, and tokens signed with it, shaped as identity-service issues them ({@code iss}, {@code aud}
 * {@code eventmart}, {@code sub}, {@code scope}, {@code roles}). The services under test verify them exactly as in
 * production, against {@link #issuer()} and {@link #jwkSetUri()} over HTTP; identity-service's own tests show that it
 * issues tokens of this shape. One per test JVM, started on first use.
 */
public final class TestTokens {

    public static final String AUDIENCE = "eventmart";

    /** Every scope identity-service grants: a token with all of them is limited by its roles alone. */
    public static final List<String> ALL_SCOPES = List.of("orders", "payments", "notifications", "analytics.read",
            "inventory.write", "activity.write");

    private static final List<String> CUSTOMER_SCOPES = List.of("orders", "payments", "notifications");

    private static final TestTokens INSTANCE = new TestTokens();

    private final RSAKey key = rsaKey();
    private final NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    private final HttpServer server;

    private TestTokens() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/oauth2/jwks", exchange -> answer(exchange, 200, jwks));
        // What a service holding client credentials (analytics asking its peers) gets: a service token.
        server.createContext("/oauth2/token", exchange -> answer(exchange, 200, """
                {"access_token":"%s","token_type":"Bearer","expires_in":3600}""".formatted(service("test-peer"))));
        server.setExecutor(null);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    /** The issuer every token here names, and the services under test expect. */
    public static String issuer() {
        return "http://127.0.0.1:" + INSTANCE.server.getAddress().getPort();
    }

    public static String jwkSetUri() {
        return issuer() + "/oauth2/jwks";
    }

    public static String tokenUri() {
        return issuer() + "/oauth2/token";
    }

    /** A customer's token, as {@code demo-alice} gets for {@code alice}. */
    public static String customer(String customerId) {
        return token(customerId).roles("customer").scopes(CUSTOMER_SCOPES).sign();
    }

    /** Staff ({@code ops}) with every scope, as {@code demo-ops} gets. */
    public static String staff() {
        return token("olivia").roles("ops").scopes(ALL_SCOPES).sign();
    }

    /**
     * What a service's integration tests send when security is not what they test: staff with every scope, so rules
     * leave it through and ownership does not hide anything (staff read everything and place orders for customers).
     */
    public static String testClient() {
        return token("eventmart-tests").roles("ops").scopes(ALL_SCOPES).sign();
    }

    /** The public activity-collector client: may write activity, nothing else. */
    public static String activityCollector() {
        return token("activity-collector").scopes(List.of("activity.write")).sign();
    }

    /** A service acting on its own behalf, as {@code analytics-service} gets. */
    public static String service(String subject) {
        return token(subject).roles("service").scopes(List.of("analytics.read")).sign();
    }

    /** A token to shape by hand: another audience, expired, another issuer, another key. */
    public static Builder token(String subject) {
        return new Builder(subject);
    }

    /**
     * The signing key as PKCS#8 PEM, for a real identity-service in the test JVM's stack (the storefront's login in
     * the browser test) to sign with: started with it as {@code AUTH_SIGNING_KEY} and this issuer as
     * {@code AUTH_ISSUER_URI}, its tokens carry the same {@code iss} and {@code kid} (the key's thumbprint, as
     * identity-service derives it) as the ones made here, so the services accept both against this JWKS.
     */
    public static String signingKeyPem() {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(INSTANCE.key.toPrivateKey().getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RSAKey rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyIDFromThumbprint().build();
        }
        catch (NoSuchAlgorithmException | JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (exchange) {
            exchange.getResponseBody().write(body);
        }
    }

    public static final class Builder {

        private final String subject;
        private List<String> roles = List.of();
        private List<String> scopes = List.of();
        private List<String> audience = List.of(AUDIENCE);
        private String issuer = TestTokens.issuer();
        private Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        private boolean otherKey;

        private Builder(String subject) {
            this.subject = subject;
        }

        public Builder roles(String... roles) {
            this.roles = List.of(roles);
            return this;
        }

        public Builder scopes(List<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        public Builder audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** Signed by a key the services do not know: a forged token. */
        public Builder signedByAnotherKey() {
            this.otherKey = true;
            return this;
        }

        public String sign() {
            // Issued before it expires and not in the future, whatever expiry the test asked for.
            Instant issuedAt = expiresAt.isBefore(Instant.now()) ? expiresAt.minus(Duration.ofMinutes(5))
                    : Instant.now().minusSeconds(1);
            JwtClaimsSet claims = JwtClaimsSet.builder()
                    .issuer(issuer)
                    .subject(subject)
                    .audience(audience)
                    .issuedAt(issuedAt)
                    .notBefore(issuedAt)
                    .expiresAt(expiresAt)
                    .claim("scope", String.join(" ", scopes))
                    .claim("roles", new ArrayList<>(roles))
                    .build();
            NimbusJwtEncoder signer = otherKey
                    ? new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(rsaKey())))
                    : INSTANCE.encoder;
            return signer.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                    .getTokenValue();
        }
    }
}
