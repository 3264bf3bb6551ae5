package dev.eventmart.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The password-less demo path and the service clients: client credentials, over real HTTP. */
class TokenEndpointTests extends IdentityServiceTestSupport {

    @Test
    void demoCustomerClientGetsATokenAboutItsCustomer() throws Exception {
        JWTClaimsSet claims = accessTokenClaims(clientCredentials("demo-alice", "demo-alice-secret", "orders payments"));

        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).contains("eventmart");
        assertThat(claims.getStringListClaim("roles")).containsExactly("customer");
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("orders", "payments");
        assertThat(claims.getExpirationTime()).isInTheFuture();
    }

    @Test
    void demoOpsClientGetsATokenAboutTheOperator() throws Exception {
        JWTClaimsSet claims = accessTokenClaims(clientCredentials("demo-ops", "demo-ops-secret", "orders analytics.read"));

        assertThat(claims.getSubject()).isEqualTo("olivia");
        assertThat(claims.getStringListClaim("roles")).containsExactly("ops");
    }

    @Test
    void serviceClientGetsTheServiceRole() throws Exception {
        JWTClaimsSet claims = accessTokenClaims(
                clientCredentials("analytics-service", "analytics-service-secret", "analytics.read"));

        assertThat(claims.getSubject()).isEqualTo("analytics-service");
        assertThat(claims.getStringListClaim("roles")).containsExactly("service");
    }

    @Test
    void activityCollectorMayOnlyWriteActivity() throws Exception {
        JWTClaimsSet claims = accessTokenClaims(
                clientCredentials("activity-collector", "activity-collector-secret", "activity.write"));
        assertThat(claims.getStringListClaim("scope")).containsExactly("activity.write");
        assertThat(claims.getStringListClaim("roles")).isEmpty();

        HttpResponse<String> orders = clientCredentials("activity-collector", "activity-collector-secret", "orders");
        assertThat(orders.statusCode()).isEqualTo(400);
        assertThat(json(orders)).containsEntry("error", "invalid_scope");
    }

    @Test
    void refusesAWrongSecret() throws Exception {
        HttpResponse<String> response = clientCredentials("demo-alice", "demo-bob-secret", "orders");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).containsEntry("error", "invalid_client");
    }

    @Test
    void publishesItsKeysAndMetadata() throws Exception {
        HttpResponse<String> jwks = get("/oauth2/jwks");
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\":");

        for (String metadata : new String[] {"/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server"}) {
            HttpResponse<String> response = get(metadata);
            assertThat(response.statusCode()).as(metadata).isEqualTo(200);
            assertThat(json(response)).as(metadata).containsEntry("issuer", ISSUER)
                    .containsEntry("jwks_uri", ISSUER + "/oauth2/jwks")
                    .containsEntry("token_endpoint", ISSUER + "/oauth2/token");
        }
    }

    @Test
    void opensHealthProbesAndNoOtherActuatorEndpoint() {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").body()).doesNotContain("components");
        assertThat(get("/actuator/info").statusCode()).isNotEqualTo(200);
        assertThat(get("/actuator/env").statusCode()).isNotEqualTo(200);
        assertThat(get("/actuator").statusCode()).isNotEqualTo(200);
    }
}
