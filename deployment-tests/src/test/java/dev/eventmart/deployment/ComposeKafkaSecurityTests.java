package dev.eventmart.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.localkafka.KafkaAccess;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Kafka in docker-compose.yml authenticates and authorizes as the local run's SASL mode does: the users and ACLs of
 * local-kafka's eventmart-kafka-acls.txt, created by kafka-init, each service logging in as its own user.
 */
class ComposeKafkaSecurityTests {

    private static final String INIT = "kafka-init";

    private final ComposeFile compose = Repository.compose();
    private final KafkaAccess access = KafkaAccess.load();

    @Test
    void runsTheBrokerWithSaslOnlyAndTheStandardAuthorizerDenyingWhatNoAclAllows() {
        Map<String, String> broker = compose.environment("kafka");

        assertThat(broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
                .allSatisfy(listener -> assertThat(listener).endsWith(":SASL_PLAINTEXT"));
        assertThat(broker).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME",
                        "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_SUPER_USERS", "User:" + KafkaAccess.ADMIN)
                .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512");
    }

    @Test
    void createsTheUsersAndAclsOfTheOneDefinition() {
        Map<String, String> init = compose.environment(INIT);

        assertThat(compose.image(INIT)).isEqualTo(compose.image("kafka"));
        assertThat(compose.service(INIT).get("volumes").toString())
                .contains("./local-kafka/src/main/resources/eventmart-kafka-acls.txt:")
                .contains("./local-kafka/src/main/docker/kafka-security.sh:");
        assertThat(compose.dependsOn(INIT)).containsEntry("kafka", "service_healthy");
        assertThat(init).containsKey(KafkaAccess.passwordVariable(KafkaAccess.ADMIN));
        for (String principal : access.principals()) {
            assertThat(init.get(KafkaAccess.passwordVariable(principal))).as(principal + "'s password").isNotBlank();
        }
    }

    @Test
    void connectsEveryServiceAsItsOwnUserOnceItExists() {
        Map<String, String> init = compose.environment(INIT);
        SoftAssertions softly = new SoftAssertions();
        for (String service : Repository.eventDrivenServices(compose)) {
            Map<String, String> environment = compose.environment(service);
            softly.assertThat(environment).as(service)
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SASL_USERNAME", service)
                    .containsEntry("KAFKA_SASL_PASSWORD", init.get(KafkaAccess.passwordVariable(service)));
            softly.assertThat(access.principals()).as("users with ACLs").contains(service);
            softly.assertThat(compose.dependsOn(service)).as(service + " depends_on")
                    .containsEntry(INIT, "service_healthy");
        }
        softly.assertAll();
    }

    @Test
    void letsKafkaUiInAsItsOwnReadOnlyUser() {
        Map<String, String> ui = compose.environment("kafka-ui");
        String password = compose.environment(INIT).get(KafkaAccess.passwordVariable("kafka-ui"));

        assertThat(ui).containsEntry("KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("KAFKA_CLUSTERS_0_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(ui.get("KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG"))
                .contains("username=\"kafka-ui\"", "password=\"" + password + "\"");
        assertThat(compose.dependsOn("kafka-ui")).containsEntry(INIT, "service_healthy");
    }
}
