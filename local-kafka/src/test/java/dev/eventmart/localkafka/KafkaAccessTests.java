package dev.eventmart.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.eventmart.events.Topics;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** Holds {@code eventmart-kafka-acls.txt} against the topics of the code. */
class KafkaAccessTests {

    private static final List<String> SERVICES = List.of("order-service", "inventory-service", "payment-service",
            "notification-service", "analytics-service");

    private static final String OPERATOR = "dead-letter-operator";

    private final KafkaAccess access = KafkaAccess.load();

    @Test
    void grantsToTheFiveServicesKafkaUiAndTheDeadLetterOperator() {
        assertThat(access.principals()).containsExactlyInAnyOrder("order-service", "inventory-service",
                "payment-service", "notification-service", "analytics-service", "kafka-ui", "dead-letter-operator");
    }

    /**
     * The dead-letter API's own user reads every dead-letter topic and writes a replay back to its source topic, and
     * does nothing else: no consumer group (it reads by partition), no dead-letter topic written, nothing declared.
     */
    @Test
    void letsTheDeadLetterOperatorReadEveryDeadLetterTopicAndReplayToItsSourceOnly() {
        for (String topic : Topics.ALL) {
            String deadLetters = Topics.deadLetterOf(topic);
            assertThat(access.allows(OPERATOR, AclOperation.READ, ResourceType.TOPIC, deadLetters)).as(deadLetters)
                    .isTrue();
            assertThat(access.allows(OPERATOR, AclOperation.WRITE, ResourceType.TOPIC, topic)).as(topic).isTrue();
            assertThat(access.allows(OPERATOR, AclOperation.WRITE, ResourceType.TOPIC, deadLetters)).as(deadLetters)
                    .isFalse();
            assertThat(access.allows(OPERATOR, AclOperation.READ, ResourceType.TOPIC, topic)).as(topic).isFalse();
            assertThat(access.allows(OPERATOR, AclOperation.CREATE, ResourceType.TOPIC, topic)).as(topic).isFalse();
        }
        assertThat(access.allows(OPERATOR, AclOperation.READ, ResourceType.GROUP, "order-service")).isFalse();
    }

    /** Topic names follow {@code <service>.<entity>.<action>}: the service a topic is named for writes it, alone. */
    @Test
    void letsOnlyTheServiceATopicIsNamedForWriteIt() {
        for (String topic : Topics.ALL) {
            String owner = topic.substring(0, topic.indexOf('.')) + "-service";
            assertThat(principalsAllowed(AclOperation.WRITE, topic)).as(topic).containsExactly(owner);
        }
    }

    /**
     * A consumer dead-letters what it cannot process to {@code <topic>.dlt}: whichever service reads a topic writes
     * its DLT (Kafka UI reads everything and writes nothing).
     */
    @Test
    void letsTheReadersOfATopicAndNobodyElseWriteItsDeadLetterTopic() {
        for (String topic : Topics.ALL) {
            Set<String> readers = principalsAllowed(AclOperation.READ, topic);
            assertThat(principalsAllowed(AclOperation.WRITE, Topics.deadLetterOf(topic))).as(topic)
                    .isEqualTo(readers);
        }
    }

    @Test
    void letsEveryTopicThatIsProducedBeReadBySomeService() {
        Set<String> unread = Topics.ALL.stream()
                .filter(topic -> SERVICES.stream()
                        .noneMatch(service -> access.allows(service, AclOperation.READ, ResourceType.TOPIC, topic)))
                .collect(Collectors.toSet());
        // Records of compensation and delivery that nothing consumes yet (docs/architecture.md).
        assertThat(unread).containsExactlyInAnyOrder(Topics.STOCK_RELEASED, Topics.PAYMENT_REFUNDED,
                Topics.EMAIL_SENT);
    }

    /** Every service declares every topic at start (service-support), so it may create and describe each one. */
    @Test
    void letsEveryServiceDeclareEveryTopicButNoOtherName() {
        for (String service : SERVICES) {
            for (String topic : Topics.allWithDeadLetters()) {
                assertThat(access.allows(service, AclOperation.CREATE, ResourceType.TOPIC, topic))
                        .as(service + " creates " + topic).isTrue();
                assertThat(access.allows(service, AclOperation.DESCRIBE, ResourceType.TOPIC, topic))
                        .as(service + " describes " + topic).isTrue();
            }
        }
        Set<String> literalTopics = access.grants().stream()
                .filter(grant -> grant.resourceType() == ResourceType.TOPIC)
                .filter(grant -> grant.patternType() == PatternType.LITERAL)
                .flatMap(grant -> grant.names().stream())
                .filter(name -> !name.equals(ResourcePattern.WILDCARD_RESOURCE))
                .collect(Collectors.toSet());
        assertThat(Topics.allWithDeadLetters()).containsAll(literalTopics);
    }

    @Test
    void letsEachServiceUseOnlyItsOwnConsumerGroups() {
        for (String service : SERVICES) {
            for (String other : SERVICES) {
                boolean own = service.equals(other);
                assertThat(access.allows(service, AclOperation.READ, ResourceType.GROUP, other))
                        .as(service + " in group " + other).isEqualTo(own);
                assertThat(access.allows(service, AclOperation.READ, ResourceType.GROUP, other + ".order-events"))
                        .as(service + " in group " + other + ".order-events").isEqualTo(own);
            }
        }
    }

    @Test
    void givesKafkaStreamsItsInternalTopicsAndTransactionalIdsUnderItsApplicationId() {
        String applicationId = "analytics-service-streams";
        String changelog = applicationId + "-product-stats-changelog";
        for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE,
                AclOperation.DELETE, AclOperation.DESCRIBE_CONFIGS)) {
            assertThat(access.allows("analytics-service", operation, ResourceType.TOPIC, changelog)).as(operation.name())
                    .isTrue();
            assertThat(access.allows("order-service", operation, ResourceType.TOPIC, changelog)).as(operation.name())
                    .isFalse();
        }
        assertThat(access.allows("analytics-service", AclOperation.READ, ResourceType.GROUP, applicationId)).isTrue();
        assertThat(access.allows("analytics-service", AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID,
                applicationId + "-0b4c-1")).isTrue();
        for (String service : SERVICES.subList(0, 4)) {
            assertThat(access.allows(service, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, applicationId + "-1"))
                    .as(service).isFalse();
        }
    }

    @Test
    void readsContinuedLinesAndRefusesWhatKafkaAclsWouldNot() {
        KafkaAccess parsed = KafkaAccess.parse("""
                # a comment
                a,b  topic  prefixed  Read,DescribeConfigs \\
                  x. y.
                """);
        assertThat(parsed.grants()).singleElement().satisfies(grant -> {
            assertThat(grant.principals()).containsExactly("a", "b");
            assertThat(grant.operations()).containsExactly(AclOperation.READ, AclOperation.DESCRIBE_CONFIGS);
            assertThat(grant.names()).containsExactly("x.", "y.");
        });
        assertThat(parsed.bindings()).hasSize(8);
        assertThat(KafkaAccess.parse("a topic literal Read,Describe t\na topic literal Describe t").bindings())
                .hasSize(2);

        assertThatIllegalArgumentException().isThrownBy(() -> KafkaAccess.parse("a topic literal Reed t"))
                .withMessageContaining("Reed");
        assertThatIllegalArgumentException().isThrownBy(() -> KafkaAccess.parse("a cluster literal Describe c"));
        assertThatIllegalArgumentException().isThrownBy(() -> KafkaAccess.parse("a topic literal Read t \\"));
    }

    private Set<String> principalsAllowed(AclOperation operation, String topic) {
        return SERVICES.stream()
                .filter(principal -> access.allows(principal, operation, ResourceType.TOPIC, topic))
                .collect(Collectors.toSet());
    }
}
