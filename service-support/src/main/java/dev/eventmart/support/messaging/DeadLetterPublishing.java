package dev.eventmart.support.messaging;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Topics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * Owns the producer that writes failed records to {@code <topic>.dlt}. A failed record's value is either the
 * raw bytes (it could not be deserialized) or the event record (its handler failed), so this producer picks the
 * serializer by type. It is not a {@code KafkaTemplate} bean on purpose: that would switch off Spring Boot's
 * auto-configured template.
 */
class DeadLetterPublishing implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, Object> producerFactory;

    DeadLetterPublishing(Map<String, Object> producerProperties) {
        Map<String, Object> properties = new HashMap<>(producerProperties);
        // Its own client id, so its metrics and quotas are told apart from the service's main producer.
        properties.computeIfPresent(ProducerConfig.CLIENT_ID_CONFIG, (key, clientId) -> clientId + "-dlt");
        Map<Class<?>, Serializer<?>> serializers = new LinkedHashMap<>();
        serializers.put(byte[].class, new ByteArraySerializer());
        serializers.put(DomainEvent.class, new DomainEventSerializer());
        this.producerFactory = new DefaultKafkaProducerFactory<>(properties, new StringSerializer(),
                new DelegatingByTypeSerializer(serializers, true));
    }

    /**
     * A recoverer that publishes to the record's dead-letter topic with the original headers plus the failure
     * ({@code kafka_dlt-exception-*}, original topic, partition and offset). The partition is left to the key,
     * so a dead-letter topic need not mirror its topic's partition count.
     */
    DeadLetterPublishingRecoverer recoverer() {
        return new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producerFactory),
                (record, exception) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
