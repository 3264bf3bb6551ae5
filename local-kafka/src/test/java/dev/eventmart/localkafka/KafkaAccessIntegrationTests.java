package dev.eventmart.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker of the local run in its SASL mode, in this JVM, with the users and ACLs of {@code eventmart-kafka-acls.txt}:
 * each service's principal writes only what it produces, reads only what it consumes, joins only its own groups, and
 * a wrong password does not get in.
 */
class KafkaAccessIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    static Path dataDir;

    private static KafkaRaftServer broker;
    private static String bootstrapServers;

    @BeforeAll
    static void startBrokerAndLetEveryServiceDeclareItsTopics() throws Exception {
        int port = freePort();
        Path config = LocalKafkaBroker.prepare(dataDir, port, freePort(), true);
        broker = new KafkaRaftServer(KafkaConfig.fromProps(Utils.loadProps(config.toString())), Time.SYSTEM);
        broker.startup();
        bootstrapServers = "localhost:" + port;
        KafkaSecurity.apply(bootstrapServers, KafkaAccess.load(), KafkaAccess::password, Duration.ofSeconds(60));

        // As a service does at start (service-support declares every topic): its principal may create them.
        try (Admin admin = Admin.create(client("payment-service"))) {
            List<NewTopic> topics = Topics.allWithDeadLetters().stream().map(t -> new NewTopic(t, 1, (short) 1))
                    .toList();
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.shutdown();
            broker.awaitShutdown();
        }
    }

    @Test
    void refusesPaymentServiceWritingOrderConfirmed() {
        try (KafkaProducer<String, String> producer = producer("payment-service")) {
            Throwable failure = sendFailure(producer, Topics.ORDER_CONFIRMED);

            assertThat(failure).isInstanceOf(TopicAuthorizationException.class);
            assertThat(((TopicAuthorizationException) failure).unauthorizedTopics())
                    .containsExactly(Topics.ORDER_CONFIRMED);
        }
    }

    /** allow.everyone.if.no.acl.found=false: a topic nobody was granted is closed to every service. */
    @Test
    void refusesEveryServiceATopicWithoutAcls() throws Exception {
        try (Admin admin = Admin.create(client(KafkaAccess.ADMIN))) {
            admin.createTopics(List.of(new NewTopic("scratch.without.acls", 1, (short) 1))).all()
                    .get(10, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = producer("order-service")) {
            assertThat(sendFailure(producer, "scratch.without.acls")).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void letsPaymentServiceWriteWhatItProducesAndDeadLetterWhatItConsumes() throws Exception {
        try (KafkaProducer<String, String> producer = producer("payment-service")) {
            for (String topic : List.of(Topics.PAYMENT_AUTHORIZED, Topics.deadLetterOf(Topics.ORDER_CANCELLED))) {
                RecordMetadata sent = producer.send(new ProducerRecord<>(topic, "O-1", "{}")).get(10, TimeUnit.SECONDS);
                assertThat(sent.topic()).isEqualTo(topic);
            }
        }
    }

    @Test
    void letsPaymentServiceReadWhatOrderServiceWritesForIt() throws Exception {
        try (KafkaProducer<String, String> producer = producer("order-service")) {
            producer.send(new ProducerRecord<>(Topics.ORDER_CANCELLED, "O-2", "cancelled")).get(10, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = consumer("payment-service", "payment-service.order-ended")) {
            consumer.subscribe(List.of(Topics.ORDER_CANCELLED));
            List<String> keys = new ArrayList<>();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!keys.contains("O-2") && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach((ConsumerRecord<String, String> r) -> keys.add(r.key()));
            }
            assertThat(keys).contains("O-2");
        }
    }

    /** What the dead-letter API does as its own user: read a dead-letter topic by partition, replay to the source. */
    @Test
    void letsTheDeadLetterOperatorReadADeadLetterTopicAndReplayToItsSource() throws Exception {
        String deadLetters = Topics.deadLetterOf(Topics.STOCK_RESERVED);
        try (KafkaProducer<String, String> producer = producer("order-service")) {
            producer.send(new ProducerRecord<>(deadLetters, "O-3", "poison")).get(10, TimeUnit.SECONDS);
        }
        Map<String, Object> config = client("dead-letter-operator");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(deadLetters, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!keys.contains("O-3") && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach((ConsumerRecord<String, String> r) -> keys.add(r.key()));
            }
        }
        assertThat(keys).contains("O-3");
        try (KafkaProducer<String, String> producer = producer("dead-letter-operator")) {
            RecordMetadata replayed = producer.send(new ProducerRecord<>(Topics.STOCK_RESERVED, "O-3", "fixed"))
                    .get(10, TimeUnit.SECONDS);
            assertThat(replayed.topic()).isEqualTo(Topics.STOCK_RESERVED);
            assertThat(sendFailure(producer, deadLetters)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void refusesAServiceReadingATopicItDoesNotConsume() {
        try (KafkaConsumer<String, String> consumer = consumer("payment-service", "payment-service.order-ended")) {
            consumer.subscribe(List.of(Topics.STOCK_RESERVED));

            assertThat(pollFailure(consumer)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void refusesAServiceJoiningAnotherServicesGroup() {
        try (KafkaConsumer<String, String> consumer = consumer("payment-service", "order-service.saga-replies")) {
            consumer.subscribe(List.of(Topics.ORDER_CANCELLED));

            assertThat(pollFailure(consumer)).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void refusesAWrongPassword() {
        Map<String, Object> config = new HashMap<>(
                KafkaSecurity.clientConfig(bootstrapServers, "payment-service", "not-its-password"));
        try (Admin admin = Admin.create(config)) {
            Throwable failure = causeOf(() -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS));

            assertThat(failure).isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void appliesTheSameUsersAndAclsAgainWithoutChangingThem() throws Exception {
        try (Admin admin = Admin.create(client(KafkaAccess.ADMIN))) {
            int before = admin.describeAcls(AclBindingFilter.ANY).values().get().size();

            int inFile = KafkaSecurity.apply(bootstrapServers, KafkaAccess.load(), KafkaAccess::password,
                    Duration.ofSeconds(30));

            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get()).hasSize(before).hasSize(inFile);
        }
    }

    private static Map<String, Object> client(String principal) {
        return new HashMap<>(KafkaSecurity.clientConfig(bootstrapServers, principal, KafkaAccess.password(principal)));
    }

    private static KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> config = client(principal);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String principal, String group) {
        Map<String, Object> config = client(principal);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static Throwable sendFailure(KafkaProducer<String, String> producer, String topic) {
        return causeOf(() -> producer.send(new ProducerRecord<>(topic, "O-1", "{}")).get(10, TimeUnit.SECONDS));
    }

    /** What polling fails with, within {@link #PATIENCE}; null if it never fails. */
    private static KafkaException pollFailure(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                consumer.poll(Duration.ofMillis(200));
            }
            catch (KafkaException e) {
                return e;
            }
        }
        return null;
    }

    private static Throwable causeOf(Call call) {
        try {
            call.run();
            return null;
        }
        catch (ExecutionException e) {
            return e.getCause();
        }
        catch (Exception e) {
            return e;
        }
    }

    private interface Call {

        void run() throws Exception;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
