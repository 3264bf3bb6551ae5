package dev.eventmart.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The access tokens the load generator sends, from identity-service's demo clients with the client-credentials
 * grant (as {@code scripts/lib/token.sh} gets them): fetched once per client and renewed a minute before they expire,
 * so a run of any length never sends an expired token and the token endpoint is not part of the load. Staff
 * ({@code demo-ops}) place the saga's orders for its {@code bench-N} customers and restock; {@code activity-collector}
 * writes activity.
 *
 * <p>{@link #verificationCost} measures what a token costs the services on every request: the RS256 signature
 * check against the issuer's published key, which every resource server does before anything else.
 */
final class Tokens {

    static final String STAFF = "demo-ops";
    static final String ACTIVITY = "activity-collector";

    /**
     * The scopes asked for, as {@code scripts/lib/token.sh} asks: identity-service grants a client-credentials request
     * without a {@code scope} none at all.
     */
    private static final Map<String, String> SCOPES = Map.of(
            STAFF, "orders payments notifications analytics.read inventory.write",
            ACTIVITY, "activity.write");

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

    private record Token(String bearer, Instant renewAt) {
    }

    private final String issuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private int fetches;
    private long fetchNanos;

    Tokens(Options options) {
        this.issuer = options.string("auth-url", envOr("AUTH_ISSUER_URI", "http://localhost:9000"));
    }

    /** {@code Bearer <token>} for this demo client, cached until a minute before it expires. */
    String bearer(String client) {
        Token token = tokens.get(client);
        if (token == null || Instant.now().isAfter(token.renewAt())) {
            token = fetch(client);
            tokens.put(client, token);
        }
        return token.bearer();
    }

    private synchronized Token fetch(String client) {
        Token cached = tokens.get(client);
        if (cached != null && Instant.now().isBefore(cached.renewAt())) {
            return cached;
        }
        String secret = envOr(client.replace('-', '_').toUpperCase() + "_SECRET", client + "-secret");
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                            + URLEncoder.encode(SCOPES.getOrDefault(client, ""), StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("identity-service at " + issuer + " refused " + client + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            Matcher expiresIn = EXPIRES_IN.matcher(response.body());
            long seconds = expiresIn.find() ? Long.parseLong(expiresIn.group(1)) : 300;
            fetches++;
            fetchNanos += System.nanoTime() - start;
            return new Token("Bearer " + token.group(1), Instant.now().plusSeconds(Math.max(seconds - 60, seconds / 2)));
        }
        catch (IOException ex) {
            throw new IllegalStateException("identity-service does not answer at " + issuer
                    + " (start the stack with scripts/bench.sh, which starts it)", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** How many tokens were fetched and how long that took in all: once per client and lifetime, not per request. */
    String fetchSummary() {
        return "%d token(s) fetched from %s in %d ms in all".formatted(fetches, issuer, fetchNanos / 1_000_000);
    }

    /**
     * Microseconds of CPU one RS256 verification of this client's token takes on this machine: the signature check
     * every service does on every request (the claims checks around it are comparisons). Measured on the load
     * generator's JVM, warmed up, over {@code rounds} verifications with the key identity-service publishes.
     */
    double verificationCost(String client, int rounds) throws Exception {
        String jwt = bearer(client).substring("Bearer ".length());
        PublicKey key = publishedKey();
        int dot = jwt.lastIndexOf('.');
        byte[] signed = jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(dot + 1));
        for (int i = 0; i < rounds / 4; i++) {
            verify(key, signed, signature);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) {
            verify(key, signed, signature);
        }
        return (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000.0 / rounds;
    }

    private static void verify(PublicKey key, byte[] signed, byte[] signature) throws Exception {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update(signed);
        if (!rs256.verify(signature)) {
            throw new IllegalStateException("the token does not verify against identity-service's published key");
        }
    }

    private PublicKey publishedKey() throws Exception {
        String jwks = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/jwks")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher modulus = Pattern.compile("\"n\"\\s*:\\s*\"([^\"]+)\"").matcher(jwks);
        Matcher exponent = Pattern.compile("\"e\"\\s*:\\s*\"([^\"]+)\"").matcher(jwks);
        if (!modulus.find() || !exponent.find()) {
            throw new IllegalStateException("no RSA key in " + issuer + "/oauth2/jwks: " + jwks);
        }
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(modulus.group(1))),
                new BigInteger(1, Base64.getUrlDecoder().decode(exponent.group(1)))));
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
