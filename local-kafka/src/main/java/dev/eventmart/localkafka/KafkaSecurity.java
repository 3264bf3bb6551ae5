package dev.eventmart.localkafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Makes a SASL broker's users and ACLs what {@link KafkaAccess} says, as the super user {@link KafkaAccess#ADMIN}: a
 * SCRAM-SHA-512 credential for every principal (upserted, so a changed password applies), every ACL of the file
 * created, and every ACL of those principals that the file no longer has deleted. Running it again leaves the same
 * users and ACLs.
 */
public final class KafkaSecurity {

    static final String MECHANISM = "SCRAM-SHA-512";

    private static final int ITERATIONS = 4096;

    private KafkaSecurity() {
    }

    /** The client settings of {@code user} on the broker's SASL listener at {@code bootstrapServers}. */
    public static Map<String, Object> clientConfig(String bootstrapServers, String user, String password) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
    }

    static String jaasConfig(String user, String password) {
        if (password.contains("\"") || password.contains("\\")) {
            throw new IllegalArgumentException("The Kafka password of " + user
                    + " contains a double quote or a backslash, which a JAAS configuration cannot hold as given");
        }
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /**
     * Applies {@code access} to the broker at {@code bootstrapServers}, retrying until it answers or the timeout ends;
     * returns the number of ACLs of the file.
     */
    public static int apply(String bootstrapServers, KafkaAccess access, Function<String, String> passwords,
            Duration timeout) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(
                clientConfig(bootstrapServers, KafkaAccess.ADMIN, passwords.apply(KafkaAccess.ADMIN)));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    return apply(admin, access, passwords);
                }
                catch (ExecutionException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Could not apply the Kafka users and ACLs within " + timeout,
                                e.getCause());
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    private static int apply(Admin admin, KafkaAccess access, Function<String, String> passwords)
            throws ExecutionException, InterruptedException {
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        for (String principal : access.principals()) {
            users.add(new UserScramCredentialUpsertion(principal,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), passwords.apply(principal)));
        }
        admin.alterUserScramCredentials(users).all().get();

        List<AclBinding> wanted = access.bindings();
        admin.createAcls(wanted).all().get();

        Set<String> principals = new HashSet<>();
        access.principals().forEach(principal -> principals.add("User:" + principal));
        Set<AclBinding> wantedSet = new HashSet<>(wanted);
        List<AclBindingFilter> stale = admin.describeAcls(AclBindingFilter.ANY).values().get().stream()
                .filter(binding -> principals.contains(binding.entry().principal()))
                .filter(binding -> !wantedSet.contains(binding))
                .map(AclBinding::toFilter)
                .toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get();
        }
        return wanted.size();
    }
}
