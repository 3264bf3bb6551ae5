package dev.eventmart.analytics.insights;

import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Where the other instances reach this one: Kafka Streams' {@code application.server}, which every instance shares
 * with the group so that each knows which instance owns which partition of a store. It is the advertised host
 * ({@link InstancesProperties#advertisedHost()}) and the port the web server really listens on, so it holds with
 * {@code server.port=0} too; a {@code spring.kafka.streams.properties.application.server} set explicitly (say, an
 * address behind NAT) is kept as given.
 *
 * <p>Set when the web server has started, which is before Kafka Streams starts (the web server's lifecycle phase is
 * the lower one), so the client joins its group with the address already in place.
 */
class AdvertisedServer implements ApplicationListener<WebServerInitializedEvent> {

    private final StreamsBuilderFactoryBean factory;
    private final String advertisedHost;
    private volatile HostInfo hostInfo;

    AdvertisedServer(StreamsBuilderFactoryBean factory, InstancesProperties properties) {
        this.factory = factory;
        this.advertisedHost = properties.advertisedHost();
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            // A management server on a port of its own serves no analytics.
            return;
        }
        if (factory.isRunning()) {
            throw new IllegalStateException("Kafka Streams started before the web server, without application.server");
        }
        Properties config = factory.getStreamsConfiguration();
        String configured = config.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
        HostInfo advertised = configured != null && !configured.isBlank() ? HostInfo.buildFromEndpoint(configured)
                : new HostInfo(advertisedHost, event.getWebServer().getPort());
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
        factory.setStreamsConfiguration(config);
        hostInfo = advertised;
    }

    /** This instance's address as the group knows it; empty until the web server has started. */
    Optional<HostInfo> hostInfo() {
        return Optional.ofNullable(hostInfo);
    }
}
