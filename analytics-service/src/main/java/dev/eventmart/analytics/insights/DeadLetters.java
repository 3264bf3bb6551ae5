package dev.eventmart.analytics.insights;

import dev.eventmart.events.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.streams.KafkaStreamsDeadLetterDestinationResolver;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.springframework.kafka.streams.RecoveringProcessingExceptionHandler;

/**
 * Where the topology puts a record it can never process: the dead-letter topic of the topic it was read from
 * ({@code analytics.activity.tracked.dlt}, {@code order.order.placed.dlt}, ...), byte for byte with its headers plus
 * the failure in Spring Kafka's {@code kafka_dlt-*} headers, like every listener of EventMart. Stopping instead would
 * put Kafka Streams into {@code ERROR} for good, and every analytics query would answer {@code 503} until an
 * operator removed the record.
 *
 * <p>Spring Kafka's recovering handlers hand the dead-letter record back to Kafka Streams (its native dead-letter
 * queue support), so under exactly-once it is written in the same transaction as the input offset it skips: a
 * poison record lands in the dead-letter topic once, and is never both skipped and lost.
 *
 * <p>Records of the application's own repartition topics have no EventMart dead-letter topic; one of them failing is
 * a bug of the topology, and it goes to {@code <application-id>.dlt} rather than to a topic that does not exist
 * (producing there would stall the stream thread).
 */
final class DeadLetters implements KafkaStreamsDeadLetterDestinationResolver {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final String applicationId;

    private DeadLetters(String applicationId) {
        this.applicationId = applicationId;
    }

    /**
     * Sets the deserialization and processing exception handlers of a Kafka Streams configuration, and where they
     * send what they cannot process.
     */
    static void configure(Map<Object, Object> streamsConfig) {
        DeadLetters destinations = new DeadLetters(
                String.valueOf(streamsConfig.get(StreamsConfig.APPLICATION_ID_CONFIG)));
        streamsConfig.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                RecoveringDeserializationExceptionHandler.class);
        streamsConfig.put(RecoveringDeserializationExceptionHandler.DLQ_DESTINATION_RESOLVER, destinations);
        streamsConfig.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                RecoveringProcessingExceptionHandler.class);
        streamsConfig.put(RecoveringProcessingExceptionHandler.DLQ_DESTINATION_RESOLVER, destinations);
    }

    /** The dead-letter topic for records of the application's internal topics. */
    static String ofInternalTopics(String applicationId) {
        return Topics.deadLetterOf(applicationId);
    }

    @Override
    public TopicPartition resolve(ErrorHandlerContext context, ConsumerRecord<?, ?> record, Exception exception) {
        String topic = context.topic();
        String deadLetters = topic != null && Topics.ALL.contains(topic) ? Topics.deadLetterOf(topic)
                : ofInternalTopics(applicationId);
        // Kafka Streams logs the exception with its stack trace as it skips the record; this says where it went.
        log.warn("Record {}-{}@{} failed in {} ({}); sending it to {}", topic, context.partition(), context.offset(),
                context.processorNodeId(), exception.toString(), deadLetters);
        // The partition is left to the key, so a dead-letter topic need not mirror its topic's partition count.
        return new TopicPartition(deadLetters, -1);
    }
}
