package dev.eventmart.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A running identity-service (local profile, demo secrets) on a random port, talked to over real HTTP. The issuer is
 * set to a name the tests never call, so a token's {@code iss} shows it comes from configuration, not the request.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "AUTH_ISSUER_URI=" + IdentityServiceTestSupport.ISSUER)
@ActiveProfiles("local")
abstract class IdentityServiceTestSupport {

    static final String ISSUER = "http://issuer.eventmart.test:9000";

    @LocalServerPort
    int port;

    /** Keeps the session cookie between requests and follows no redirect, so a test sees each hop. */
    final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** A GET as a browser sends it: HTML wanted, so an unauthenticated request is sent to the login form. */
    HttpResponse<String> browse(String pathOrUri) {
        URI target = pathOrUri.startsWith("http") ? URI.create(pathOrUri) : uri(pathOrUri);
        return send(HttpRequest.newBuilder(target).header("Accept", "text/html").GET().build());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        return post(path, form, null);
    }

    HttpResponse<String> post(String path, Map<String, String> form, String basicCredentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
        if (basicCredentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(basicCredentials.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    HttpResponse<String> clientCredentials(String clientId, String secret, String scope) {
        return post("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", scope),
                clientId + ":" + secret);
    }

    /** The access token of a successful token response, its signature checked against the published JWKS. */
    JWTClaimsSet accessTokenClaims(HttpResponse<String> tokenResponse) throws Exception {
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        SignedJWT jwt = SignedJWT.parse((String) json(tokenResponse).get("access_token"));
        JWKSet keys = JWKSet.parse(send(HttpRequest.newBuilder(uri("/oauth2/jwks")).GET().build()).body());
        RSAKey key = keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertThat(key.isPrivate()).as("the JWKS publishes no private key").isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).as("signature verifies against the JWKS").isTrue();
        return jwt.getJWTClaimsSet();
    }

    static Map<String, Object> json(HttpResponse<String> response) throws ParseException {
        return JSONObjectUtils.parse(response.body());
    }

    static Map<String, String> form(String... keysAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            form.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return form;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
