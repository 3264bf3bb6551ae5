package dev.eventmart.bench;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The broker's request counters over JMX ({@code kafka.network:type=RequestMetrics,name=RequestsPerSec}, attribute
 * {@code Count}, summed over the request's API versions): fetches, produces, offset commits and every request of
 * any kind together (heartbeats, metadata, Kafka Streams' transactions...). Client-side metrics would miss requests of the services'
 * consumers and producers; only the broker sees all of them. bench.sh starts the broker with remote JMX on
 * loopback ({@code --kafka-jmx=host:port}); when it cannot be reached the counts are absent ("n/a"), never an
 * error.
 */
final class BrokerMetrics implements AutoCloseable {

    record Requests(long fetch, long produce, long offsetCommit, long all) {

        Requests minus(Requests other) {
            return new Requests(fetch - other.fetch, produce - other.produce, offsetCommit - other.offsetCommit,
                    all - other.all);
        }

        /** This many fetch requests of one's own, to leave out of the counts. */
        Requests withoutFetches(long fetches) {
            return new Requests(fetch - fetches, produce, offsetCommit, all - fetches);
        }
    }

    private final String hostPort;
    private JMXConnector connector;
    private boolean warned;

    BrokerMetrics(Options options) {
        this.hostPort = options.string("kafka-jmx", "");
    }

    /** The broker's fetch and produce requests since it started; empty when JMX is not reachable. */
    Optional<Requests> requests() {
        if (hostPort.isEmpty()) {
            return Optional.empty();
        }
        try {
            MBeanServerConnection server = connection();
            return Optional.of(new Requests(count(server, "Fetch"), count(server, "Produce"),
                    count(server, "OffsetCommit"), count(server, "*")));
        } catch (Exception e) {
            if (!warned) {
                Report.log("Broker JMX at %s not reachable (%s): request counts will read n/a", hostPort, e);
                warned = true;
            }
            closeQuietly();
            return Optional.empty();
        }
    }

    private MBeanServerConnection connection() throws IOException {
        if (connector == null) {
            connector = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + hostPort
                    + "/jmxrmi"));
        }
        return connector.getMBeanServerConnection();
    }

    /**
     * The count of one kind of request, or of every kind ({@code *}). The broker also counts its fetches from
     * consumers apart ({@code FetchConsumer}, a subset of {@code Fetch}); left out of the total.
     */
    private static long count(MBeanServerConnection server, String request) throws Exception {
        Set<ObjectName> names = server.queryNames(new ObjectName(
                "kafka.network:type=RequestMetrics,name=RequestsPerSec,request=" + request + ",*"), null);
        if (names.isEmpty()) {
            throw new IllegalStateException("no RequestsPerSec MBean for " + request);
        }
        long total = 0;
        for (ObjectName name : names) {
            if (!"FetchConsumer".equals(name.getKeyProperty("request"))
                    && !"FetchFollower".equals(name.getKeyProperty("request"))) {
                total += ((Number) server.getAttribute(name, "Count")).longValue();
            }
        }
        return total;
    }

    private void closeQuietly() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException ignored) {
                // gone anyway
            }
            connector = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
