package dev.eventmart.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a stretch of the run cost, between {@link #start()} and {@link Window#stop()}: CPU per process (from
 * /proc), database commits, Kafka records produced and broker requests. One measure for the load phases (divided
 * by their orders) and for the idle baseline (divided by its seconds), so both are directly comparable. The
 * generator's own database transactions and fetch requests are left out.
 */
final class Costs {

    private final CpuSampler cpu;
    private final Database db;
    private final KafkaProbe kafka;
    private final BrokerMetrics broker;

    Costs(CpuSampler cpu, Database db, KafkaProbe kafka, BrokerMetrics broker) {
        this.cpu = cpu;
        this.db = db;
        this.kafka = kafka;
        this.broker = broker;
    }

    /**
     * Call when the pipeline is quiescent; waits a second first, so the commits of what went before have reached
     * {@code pg_stat_database}.
     */
    Window start() throws Exception {
        Thread.sleep(1100);
        return new Window(db.commitsByOthers(), kafka.endOffsets(), broker.requests(), kafka.ownFetchRequests(),
                cpu.start());
    }

    final class Window {
        private final long commits;
        private final Map<String, Long> ends;
        private final Optional<BrokerMetrics.Requests> requests;
        private final long ownFetches;
        private final CpuSampler.Window cpuWindow;

        private Window(long commits, Map<String, Long> ends, Optional<BrokerMetrics.Requests> requests,
                long ownFetches, CpuSampler.Window cpuWindow) {
            this.commits = commits;
            this.ends = ends;
            this.requests = requests;
            this.ownFetches = ownFetches;
            this.cpuWindow = cpuWindow;
        }

        /** Call when the work to be measured is done (the pipeline quiescent again). */
        Cost stop() throws Exception {
            CpuSampler.Usage usage = cpuWindow.stop();
            Map<String, Long> endsAfter = kafka.endOffsets();
            Optional<BrokerMetrics.Requests> requestsAfter = broker.requests();
            long ownFetchesAfter = kafka.ownFetchRequests();
            Thread.sleep(1100); // backends report their commits to pg_stat_database at most once a second
            long commitsAfter = db.commitsByOthers();
            Map<String, Long> records = new LinkedHashMap<>();
            endsAfter.forEach((topic, end) -> {
                long produced = end - ends.getOrDefault(topic, 0L);
                if (produced != 0) {
                    records.put(topic, produced);
                }
            });
            Optional<BrokerMetrics.Requests> used = requests.isPresent() && requestsAfter.isPresent()
                    ? Optional.of(requestsAfter.get().minus(requests.get())
                            .withoutFetches(ownFetchesAfter - ownFetches))
                    : Optional.empty();
            return new Cost(usage, commitsAfter - commits, records, used);
        }
    }

    /** CPU seconds per process, commits, records produced per topic, broker requests (empty: JMX unreachable). */
    record Cost(CpuSampler.Usage usage, long commits, Map<String, Long> recordsByTopic,
            Optional<BrokerMetrics.Requests> requests) {

        /** CPU seconds of every measured process together (the machine figure is not one of them). */
        double allSeconds() {
            return usage.seconds().entrySet().stream().filter(e -> !e.getKey().equals(CpuSampler.MACHINE))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        long records() {
            return recordsByTopic.values().stream().mapToLong(Long::longValue).sum();
        }

        long records(java.util.function.Predicate<String> topics) {
            return recordsByTopic.entrySet().stream().filter(e -> topics.test(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        double wallSeconds() {
            return usage.wallSeconds();
        }
    }
}
