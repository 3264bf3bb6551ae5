package dev.eventmart.support.deadletters;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.SaslConfigs;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dead-letter API ({@code /api/operations/dead-letters}), off unless a service turns it on.
 *
 * @param enabled      whether this service serves it (and keeps its audit table)
 * @param scope        the token scope staff need besides the {@code ops} role, the service's own API scope
 * @param timeout      how long a read or a replay waits for the broker before answering {@code 503}
 * @param maxReplayAll the most records one "replay all" sends; the answer says when more remain
 * @param kafkaUsername the Kafka user the API reads dead-letter topics and replays as, when the broker
 *                      authenticates (SASL): not the service's own, whose ACLs let it write only what it produces, but
 *                      the one whose ACLs let it read every dead-letter topic and write a record back to its source
 *                      topic ({@code dead-letter-operator} in local-kafka's {@code eventmart-kafka-acls.txt})
 * @param kafkaPassword its password
 */
@ConfigurationProperties("eventmart.dead-letters")
public record DeadLetterProperties(boolean enabled, String scope, @DefaultValue("10s") Duration timeout,
        @DefaultValue("1000") int maxReplayAll, @DefaultValue("dead-letter-operator") String kafkaUsername,
        @DefaultValue("") String kafkaPassword) {

    /**
     * The Kafka client settings the API connects with: the service's own (brokers, security protocol, timeouts)
     * logged in as {@link #kafkaUsername}. On a broker without SASL the login is not used.
     */
    Map<String, Object> asOperator(Map<String, Object> serviceConfig) {
        if (kafkaPassword.contains("\"") || kafkaUsername.contains("\"")) {
            throw new IllegalStateException("eventmart.dead-letters.kafka-username and -password may not contain '\"'");
        }
        Map<String, Object> config = new HashMap<>(serviceConfig);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"" + kafkaUsername + "\" password=\"" + kafkaPassword + "\";");
        return config;
    }
}
