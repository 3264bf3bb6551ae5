package dev.eventmart.identity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the local profile there are no demo secrets: a deployment that forgets one does not start. */
class StartupWithoutSecretsTests {

    @Test
    void refusesToStartWithoutSecretsNamingEachMissingVariable() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(IdentityServiceApplication.class)
                .properties("server.port=0", "DEMO_BOB_SECRET=set-by-the-deployment");

        assertThatThrownBy(application::run).rootCause()
                .hasMessageContaining("DEMO_ALICE_SECRET")
                .hasMessageContaining("ALICE_PASSWORD")
                .hasMessageContaining("AUTH_SIGNING_KEY")
                .hasMessageContaining("SPRING_PROFILES_ACTIVE=local")
                .message().doesNotContain("DEMO_BOB_SECRET");
    }
}
