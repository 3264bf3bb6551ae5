package dev.eventmart.bench;

import java.util.Arrays;

/**
 * Entry point of the load generators that {@code scripts/bench.sh} runs: {@code <command> --key=value ...}.
 * Every command appends its Markdown table to {@code --out} (and prints it) and its headline figures as
 * {@code key=value} lines to {@code --kv}, which the script uses for the ratios across scenarios.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench payloads|create-topics|kafka-throughput|kafka-latency|saga|ingest|freshness|chaos-load|chaos-check|chaos-poison|chaos-rewind|tcp-proxy --key=value ...");
            System.exit(2);
        }
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "payloads" -> ActivityPayloads.writePayloadFile(options);
            case "create-topics" -> KafkaThroughput.createTopics(options);
            case "kafka-throughput" -> KafkaThroughput.run(options);
            case "kafka-latency" -> KafkaLatency.run(options);
            case "saga" -> SagaBench.run(options);
            case "ingest" -> IngestBench.run(options);
            case "freshness" -> FreshnessBench.run(options);
            case "chaos-load" -> ChaosLoad.run(options);
            case "chaos-check" -> ChaosCheck.run(options);
            case "chaos-poison" -> Poison.inject(options);
            case "chaos-rewind" -> OffsetRewind.run(options);
            case "tcp-proxy" -> TcpProxy.run(options);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
