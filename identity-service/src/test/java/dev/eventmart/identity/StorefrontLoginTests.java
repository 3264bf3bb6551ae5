package dev.eventmart.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A customer logs in to the storefront: authorization code with PKCE, through the login form, over real HTTP; the
 * storefront's backend exchanges the code with its secret (a confidential client).
 */
class StorefrontLoginTests extends IdentityServiceTestSupport {

    private static final String REDIRECT_URI = "http://localhost:8086/login/oauth2/code/eventmart";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
    private static final String STOREFRONT = "storefront:storefront-secret";

    private final String verifier = "a-code-verifier-of-at-least-forty-three-characters-" + System.nanoTime();

    @Test
    void customerLogsInWithPkceAndGetsATokenAboutThemselves() throws Exception {
        String code = authorizationCode("alice", "alice-password",
                authorizeUri("&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256"));

        HttpResponse<String> token = post("/oauth2/token", form("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", verifier), STOREFRONT);

        JWTClaimsSet claims = accessTokenClaims(token);
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaim("roles")).containsExactly("customer");
        assertThat(claims.getAudience()).contains("eventmart");
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        // A confidential client gets a refresh token: the backend renews the access token without the user.
        assertThat(json(token)).containsKeys("id_token", "refresh_token");
    }

    @Test
    void operatorLogsInWithTheOpsRole() throws Exception {
        String code = authorizationCode("olivia", "olivia-password",
                authorizeUri("&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256"));

        JWTClaimsSet claims = accessTokenClaims(post("/oauth2/token", form("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier), STOREFRONT));

        assertThat(claims.getSubject()).isEqualTo("olivia");
        assertThat(claims.getStringListClaim("roles")).containsExactly("ops");
    }

    @Test
    void refusesAnAuthorizationRequestWithoutPkce() {
        logIn("alice", "alice-password");

        HttpResponse<String> response = browse(authorizeUri(""));

        String location = response.headers().firstValue("Location").orElse("");
        assertThat(location).as("redirected with an error, no code").contains("error=invalid_request")
                .doesNotContain("code=");
    }

    @Test
    void refusesACodeExchangeWithoutTheVerifier() throws Exception {
        String code = authorizationCode("bob", "bob-password",
                authorizeUri("&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256"));

        HttpResponse<String> token = post("/oauth2/token", form("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI), STOREFRONT);

        assertThat(token.statusCode()).isIn(400, 401);
        assertThat(token.body()).doesNotContain("access_token");
    }

    @Test
    void refusesACodeExchangeWithoutTheClientSecret() throws Exception {
        String code = authorizationCode("alice", "alice-password",
                authorizeUri("&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256"));

        HttpResponse<String> token = post("/oauth2/token", form("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "client_id", "storefront", "code_verifier", verifier));

        assertThat(token.statusCode()).isEqualTo(401);
        assertThat(token.body()).doesNotContain("access_token");
    }

    @Test
    void idTokenTellsTheStorefrontWhoIsStaff() throws Exception {
        String code = authorizationCode("olivia", "olivia-password",
                authorizeUri("&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256"));

        HttpResponse<String> token = post("/oauth2/token", form("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", verifier), STOREFRONT);

        JWTClaimsSet idToken = SignedJWT.parse((String) json(token).get("id_token")).getJWTClaimsSet();
        assertThat(idToken.getStringListClaim("roles")).containsExactly("ops");
        assertThat(idToken.getAudience()).containsExactly("storefront");
    }

    @Test
    void refusesAWrongPassword() {
        HttpResponse<String> response = logIn("alice", "bob-password");

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/login?error"));
    }

    private String authorizeUri(String pkce) {
        return "/oauth2/authorize?response_type=code&client_id=storefront&scope=" + encode("openid orders")
                + "&state=some-state&redirect_uri=" + encode(REDIRECT_URI) + pkce;
    }

    /** The browser's way: the authorization request, the login form, the redirects, and the code at the end. */
    private String authorizationCode(String user, String password, String authorizeUri) {
        HttpResponse<String> toLogin = browse(authorizeUri);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));

        HttpResponse<String> response = logIn(user, password);
        for (int hops = 0; hops < 5 && response.statusCode() == 302; hops++) {
            String location = response.headers().firstValue("Location").orElseThrow();
            if (location.startsWith(REDIRECT_URI)) {
                Matcher code = CODE.matcher(location);
                assertThat(code.find()).as(location).isTrue();
                assertThat(location).contains("state=some-state");
                return code.group(1);
            }
            response = browse(location);
        }
        throw new AssertionError("no redirect to the storefront with a code; last answer " + response.statusCode()
                + " " + response.headers().map() + " " + response.body());
    }

    private HttpResponse<String> logIn(String user, String password) {
        HttpResponse<String> page = browse("/login");
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("a CSRF token in the login form").isTrue();
        return post("/login", form("username", user, "password", password, "_csrf", csrf.group(1)));
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
