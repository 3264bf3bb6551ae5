package dev.eventmart.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * EventMart's Kafka principals and ACLs, as {@code eventmart-kafka-acls.txt} defines them (the one definition, which
 * compose's kafka-init container reads too; the file says how it is laid out and why each grant is there).
 *
 * @param grants every line of the file, in order
 */
public record KafkaAccess(List<Grant> grants) {

    /** The super user: the broker itself and the operator tools. Not in the file: it needs no ACL. */
    public static final String ADMIN = "admin";

    static final String RESOURCE = "eventmart-kafka-acls.txt";

    private static final String CLUSTER_NAME = "kafka-cluster";

    /**
     * One line of the file: the principals (user names, without {@code User:}) allowed the operations on the
     * resources of one type whose names match the pattern.
     */
    public record Grant(List<String> principals, ResourceType resourceType, PatternType patternType,
            List<AclOperation> operations, List<String> names) {

        /** Whether this grant lets {@code principal} do {@code operation} on the named resource of this type. */
        public boolean allows(String principal, AclOperation operation, String name) {
            return principals.contains(principal) && operations.contains(operation)
                    && names.stream().anyMatch(pattern -> matches(pattern, name));
        }

        private boolean matches(String pattern, String name) {
            return patternType == PatternType.PREFIXED ? name.startsWith(pattern)
                    : pattern.equals(ResourcePattern.WILDCARD_RESOURCE) || pattern.equals(name);
        }
    }

    /** The file from the classpath. */
    public static KafkaAccess load() {
        try (InputStream in = KafkaAccess.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KafkaAccess parse(String text) {
        List<Grant> grants = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String physical : text.split("\n", -1)) {
            String trimmed = physical.strip();
            if (line.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                line.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            line.append(trimmed);
            grants.add(grant(line.toString()));
            line.setLength(0);
        }
        if (!line.isEmpty()) {
            throw new IllegalArgumentException(RESOURCE + " ends inside a continued line: " + line);
        }
        return new KafkaAccess(List.copyOf(grants));
    }

    private static Grant grant(String line) {
        String[] columns = line.strip().split("\\s+");
        if (columns.length < 5) {
            throw new IllegalArgumentException(
                    "Expected: principals resource pattern operations name..., was: " + line);
        }
        ResourceType resourceType = switch (columns[1]) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactional-id" -> ResourceType.TRANSACTIONAL_ID;
            case "cluster" -> ResourceType.CLUSTER;
            default -> throw new IllegalArgumentException("Unknown resource type " + columns[1] + " in: " + line);
        };
        PatternType patternType = switch (columns[2]) {
            case "literal" -> PatternType.LITERAL;
            case "prefixed" -> PatternType.PREFIXED;
            default -> throw new IllegalArgumentException("Unknown pattern type " + columns[2] + " in: " + line);
        };
        List<AclOperation> operations = Arrays.stream(columns[3].split(","))
                .map(name -> {
                    // The parser of kafka-acls.sh, so that the file means the same to compose's init container.
                    AclOperation operation = SecurityUtils.operation(name);
                    if (operation == AclOperation.UNKNOWN) {
                        throw new IllegalArgumentException("Unknown operation " + name + " in: " + line);
                    }
                    return operation;
                })
                .toList();
        List<String> names = List.of(Arrays.copyOfRange(columns, 4, columns.length));
        if (resourceType == ResourceType.CLUSTER && !names.equals(List.of(CLUSTER_NAME))) {
            throw new IllegalArgumentException("A cluster grant names " + CLUSTER_NAME + ", in: " + line);
        }
        return new Grant(List.of(columns[0].split(",")), resourceType, patternType, operations, names);
    }

    /** Every principal the file grants something to: the SCRAM users to create besides {@link #ADMIN}. */
    public Set<String> principals() {
        Set<String> principals = new LinkedHashSet<>();
        grants.forEach(grant -> principals.addAll(grant.principals()));
        return principals;
    }

    /** Whether any grant lets {@code principal} do {@code operation} on the named resource. */
    public boolean allows(String principal, AclOperation operation, ResourceType resourceType, String name) {
        return grants.stream().filter(grant -> grant.resourceType() == resourceType)
                .anyMatch(grant -> grant.allows(principal, operation, name));
    }

    /**
     * The file as Kafka ACL bindings, every one an ALLOW from any host, each once (grants overlap: Describe comes with
     * the declaration of every topic and again with reading or writing some).
     */
    public List<AclBinding> bindings() {
        Set<AclBinding> bindings = new LinkedHashSet<>();
        for (Grant grant : grants) {
            for (String principal : grant.principals()) {
                for (String name : grant.names()) {
                    ResourcePattern resource = new ResourcePattern(grant.resourceType(), name, grant.patternType());
                    for (AclOperation operation : grant.operations()) {
                        bindings.add(new AclBinding(resource, new AccessControlEntry("User:" + principal, "*",
                                operation, AclPermissionType.ALLOW)));
                    }
                }
            }
        }
        return List.copyOf(bindings);
    }

    /**
     * The environment variable holding a principal's password: {@code KAFKA_ORDER_SERVICE_PASSWORD} for
     * {@code order-service}, {@code KAFKA_ADMIN_PASSWORD} for {@code admin}.
     */
    public static String passwordVariable(String principal) {
        return "KAFKA_" + principal.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
    }

    /** A principal's password: its {@link #passwordVariable variable}, else the local run's default. */
    public static String password(String principal) {
        String password = System.getenv(passwordVariable(principal));
        return password == null || password.isBlank() ? principal + "-kafka-secret" : password;
    }
}
