package dev.eventmart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.yaml.snakeyaml.Yaml;

/**
 * The consumer groups that {@code docs/events/asyncapi.yaml} names for each topic are the {@code @KafkaListener}s of
 * the five services, with the topics each really reads: the document is kept by hand, and this module is the one
 * that sees every service's classes. (Kafka Streams' group, analytics-service-streams, is the topology's, checked by
 * the document's own tests in common-events.)
 */
class AsyncApiConsumersTests {

    private static final Path ASYNCAPI = Path.of("..", "docs", "events", "asyncapi.yaml");

    @Test
    void everyListenerIsInTheAsyncApiDocumentWithTheTopicsItReads() throws IOException {
        assertThat(documentedConsumers()).isEqualTo(listeners());
    }

    /** Consumer group → topics, from the document's receive operations (Kafka Streams' group left out). */
    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> documentedConsumers() throws IOException {
        Map<String, Object> document;
        try (Reader reader = Files.newBufferedReader(ASYNCAPI)) {
            document = new Yaml().load(reader);
        }
        Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) document.get("channels");
        Map<String, Map<String, Object>> operations = (Map<String, Map<String, Object>>) document.get("operations");
        Map<String, Set<String>> consumers = new TreeMap<>();
        operations.values().stream().filter(operation -> "receive".equals(operation.get("action"))).forEach(operation -> {
            String channel = ((String) ((Map<String, Object>) operation.get("channel")).get("$ref"))
                    .substring("#/channels/".length());
            Map<String, Object> kafka = (Map<String, Object>) ((Map<String, Object>) operation.get("bindings"))
                    .get("kafka");
            List<String> groups = (List<String>) ((Map<String, Object>) kafka.get("groupId")).get("enum");
            for (String group : groups) {
                if (!group.equals("analytics-service-streams")) {
                    consumers.computeIfAbsent(group, key -> new TreeSet<>())
                            .add((String) channels.get(channel).get("address"));
                }
            }
        });
        return consumers;
    }

    /** Listener id (its consumer group) → topics, from every {@code @KafkaListener} of the services' components. */
    private static Map<String, Set<String>> listeners() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        Map<String, Set<String>> listeners = new TreeMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.eventmart")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            ReflectionUtils.doWithMethods(type, method -> {
                KafkaListener listener = AnnotatedElementUtils.findMergedAnnotation(method, KafkaListener.class);
                if (listener != null) {
                    listeners.computeIfAbsent(listener.id(), key -> new TreeSet<>())
                            .addAll(Arrays.asList(listener.topics()));
                }
            });
        }
        assertThat(listeners).as("listeners found on the classpath").hasSizeGreaterThanOrEqualTo(6);
        return listeners;
    }
}
