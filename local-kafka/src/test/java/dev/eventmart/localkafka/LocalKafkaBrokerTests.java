package dev.eventmart.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTests {

    @TempDir
    Path dataDir;

    @Test
    void keepsPlaintextWithoutAuthorizationByDefault() {
        Properties config = LocalKafkaBroker.config(dataDir, 9092, 9093, false);

        assertThat(config.getProperty("listener.security.protocol.map")).doesNotContain("SASL");
        assertThat(config).doesNotContainKey("authorizer.class.name");
    }

    @Test
    void authenticatesEveryListenerAndDeniesWhatNoAclAllowsInSaslMode() {
        Properties config = LocalKafkaBroker.config(dataDir, 9092, 9093, true);

        assertThat(config.getProperty("listener.security.protocol.map"))
                .isEqualTo("SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        assertThat(config).containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("super.users", "User:admin");
    }

    @Test
    void refusesSaslOnADirectoryFormattedWithoutIt() throws Exception {
        LocalKafkaBroker.prepare(dataDir, 9092, 9093, false);

        assertThatIllegalStateException().isThrownBy(() -> LocalKafkaBroker.prepare(dataDir, 9092, 9093, true))
                .withMessageContaining("formatted without SASL");
    }

    @Test
    void reusesADirectoryFormattedWithSaslAndKeepsItsConfigurationPrivate() throws Exception {
        LocalKafkaBroker.prepare(dataDir, 9092, 9093, true);

        Path config = LocalKafkaBroker.prepare(dataDir, 9092, 9093, true);

        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
