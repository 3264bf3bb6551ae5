package dev.eventmart.analytics.insights;

import dev.eventmart.support.messaging.MessagingProperties;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the {@link AnalyticsTopology} in Spring Kafka's {@link StreamsBuilderFactoryBean}, configured from
 * {@code spring.kafka.streams.*} (exactly-once, its own application id, state directory): the factory bean starts
 * the Kafka Streams client with the context and closes it on shutdown.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class InsightsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InsightsConfiguration.class);

    private static final String SERVICE_REGISTRATION = "eventmart";

    /**
     * Builds the topology on the factory bean's builder, and decides what a failure costs:
     * <ul>
     * <li>a record that can never be read or processed goes to its dead-letter topic and the stream goes on
     * ({@link DeadLetters});</li>
     * <li>anything else that kills a stream thread (a broker or state store failure that outlasted the client's own
     * retries) replaces the thread: the new one resumes from the last commit, restoring its stores from the
     * changelogs if needed. Without a handler the client would shut down and stay down, and every query answer
     * {@code 503} until a restart.</li>
     * </ul>
     * The client leaves its group when it closes: Kafka Streams otherwise stays a member until the session times out
     * (45 s), and a restarted instance would wait that long for its partitions, answering {@code 503} meanwhile.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer analyticsTopology(InsightsProperties properties) {
        return factory -> {
            factory.setLeaveGroupOnClose(true);
            Properties config = factory.getStreamsConfiguration();
            DeadLetters.configure(config);
            factory.setStreamsConfiguration(config);
            factory.setStreamsUncaughtExceptionHandler(InsightsConfiguration::replaceThread);
            factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {

                @Override
                public void configureBuilder(StreamsBuilder builder) {
                    AnalyticsTopology.build(builder, properties);
                }
            });
        };
    }

    /** The topic {@link DeadLetters} sends failed records of the application's own internal topics to. */
    @Bean
    NewTopic analyticsInternalDeadLetters(KafkaStreamsConfiguration streamsConfiguration,
            MessagingProperties messaging) {
        String applicationId = streamsConfiguration.asProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        return TopicBuilder.name(DeadLetters.ofInternalTopics(applicationId))
                .partitions(messaging.partitions())
                .replicas(messaging.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(messaging.deadLetterRetention().toMillis()))
                .build();
    }

    @Bean
    AdvertisedServer advertisedServer(StreamsBuilderFactoryBean factory, InstancesProperties properties) {
        return new AdvertisedServer(factory, properties);
    }

    /**
     * The HTTP client to the other instances: short timeouts, because a query waits on it and a slow or gone
     * instance should turn into a quick {@code 503} rather than hold request threads; the service's own JSON mapper,
     * so figures read back exactly as they were written; observed like every other client, so a forwarded query
     * carries the trace of the request that caused it; with the service's own client-credentials token
     * ({@link #serviceToken}).
     */
    @Bean
    Peers peers(InstancesProperties properties, JsonMapper jsonMapper,
            ObjectProvider<ObservationRegistry> observations, OAuth2AuthorizedClientManager authorizedClients) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        RestClient http = RestClient.builder()
                .requestFactory(requests)
                .configureMessageConverters(converters -> converters
                        .withJsonConverter(new JacksonJsonHttpMessageConverter(jsonMapper)))
                .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
                .requestInterceptor(serviceToken(authorizedClients))
                .build();
        return new Peers(http, client);
    }

    /**
     * Adds analytics-service's own token to a request to a peer: the {@code eventmart} client registration's
     * client-credentials grant, cached and renewed by Spring Security, for the service itself (not for whoever asked
     * the query being forwarded, so one token serves every request).
     */
    private static OAuth2ClientHttpRequestInterceptor serviceToken(OAuth2AuthorizedClientManager authorizedClients) {
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(authorizedClients);
        interceptor.setClientRegistrationIdResolver(request -> SERVICE_REGISTRATION);
        Authentication service = new AnonymousAuthenticationToken(SERVICE_REGISTRATION, SERVICE_REGISTRATION,
                AuthorityUtils.createAuthorityList("ROLE_service"));
        interceptor.setPrincipalResolver(request -> service);
        return interceptor;
    }

    /** Outside any web request (the client-credentials grant needs none): the service-to-service manager. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService authorizedClients) {
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials()
                .build());
        return manager;
    }

    @Bean
    KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factory) {
        return new KafkaStreamsHealthIndicator(factory);
    }

    /** The {@link StreamsUncaughtExceptionHandler}: logs what killed the thread and starts a new one. */
    static StreamThreadExceptionResponse replaceThread(Throwable exception) {
        log.error("A Kafka Streams thread died; replacing it", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
