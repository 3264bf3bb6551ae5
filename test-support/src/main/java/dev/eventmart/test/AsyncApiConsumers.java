package dev.eventmart.test;

import dev.eventmart.test.api.OpenApiContract;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.yaml.snakeyaml.Yaml;

/**
 * The consumer groups {@code docs/events/asyncapi.yaml} names, with the topics each reads, against a service's real
 * listener containers: the document is kept by hand, and a renamed or merged listener must change it too.
 */
final class AsyncApiConsumers {

    private AsyncApiConsumers() {
    }

    /** Consumer group → topics of the service's receive operations in the document (its groups start with its name). */
    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> documented(String service) {
        Path file = OpenApiContract.repositoryRoot().resolve("docs").resolve("events").resolve("asyncapi.yaml");
        Map<String, Object> document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml().load(reader);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) document.get("channels");
        Map<String, Map<String, Object>> operations = (Map<String, Map<String, Object>>) document.get("operations");
        Map<String, Set<String>> consumers = new TreeMap<>();
        for (Map<String, Object> operation : operations.values()) {
            if (!"receive".equals(operation.get("action"))) {
                continue;
            }
            String channel = ((String) ((Map<String, Object>) operation.get("channel")).get("$ref"))
                    .substring("#/channels/".length());
            Map<String, Object> kafka = (Map<String, Object>) ((Map<String, Object>) operation.get("bindings"))
                    .get("kafka");
            for (String group : (List<String>) ((Map<String, Object>) kafka.get("groupId")).get("enum")) {
                if (group.startsWith(service + ".")) {
                    consumers.computeIfAbsent(group, key -> new TreeSet<>())
                            .add((String) channels.get(channel).get("address"));
                }
            }
        }
        return consumers;
    }

    /** Listener id (its consumer group) → topics, from the running listener containers. */
    static Map<String, Set<String>> running(KafkaListenerEndpointRegistry registry) {
        Map<String, Set<String>> listeners = new TreeMap<>();
        registry.getListenerContainers().forEach(container -> listeners.put(container.getListenerId(),
                new TreeSet<>(List.of(container.getContainerProperties().getTopics()))));
        return listeners;
    }
}
