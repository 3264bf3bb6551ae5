package dev.eventmart.analytics.insights;

import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Runs the {@link AnalyticsTopology} in Spring Kafka's {@link StreamsBuilderFactoryBean}, configured from
 * {@code spring.kafka.streams.*} (exactly-once, its own application id, state directory): the factory bean starts
 * the Kafka Streams client with the context and closes it on shutdown.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class InsightsConfiguration {

    /**
     * Builds the topology on the factory bean's builder. The client leaves its group when it closes: Kafka Streams
     * otherwise stays a member until the session times out (45 s), and a restarted instance would wait that long
     * for its partitions, answering {@code 503} meanwhile.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer analyticsTopology(InsightsProperties properties) {
        return factory -> {
            factory.setLeaveGroupOnClose(true);
            factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {

                @Override
                public void configureBuilder(StreamsBuilder builder) {
                    AnalyticsTopology.build(builder, properties);
                }
            });
        };
    }

    @Bean
    KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factory) {
        return new KafkaStreamsHealthIndicator(factory);
    }
}
