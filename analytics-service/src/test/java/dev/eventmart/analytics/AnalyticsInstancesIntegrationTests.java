package dev.eventmart.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.analytics.ShopFigures.Added;
import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Topics;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.RealInfrastructureInitializer;
import dev.eventmart.test.TestInfrastructure;
import dev.eventmart.test.security.Clients;
import dev.eventmart.test.security.TestTokens;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Two instances of the service in one consumer group (the same Streams application id, each with its own state
 * directory and port), against the test broker: each holds part of every store's partitions, and both must answer
 * every endpoint with the same complete figures, a user, a product or a minute held by the other one included; the
 * top products are merged from both. When one instance goes, the other answers {@code 503} until it holds everything,
 * never a partial figure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsInstancesIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    // The topology's store names (AnalyticsTopology), to find out which instance holds a key.
    private static final String USER_STORE = "user-activity";
    private static final String PRODUCT_STORE = "product-stats";

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String APPLICATION_ID = "analytics-instances-" + RUN;

    private static Instance a;
    private static Instance b;
    private static String userOnA;
    private static String userOnB;

    @BeforeAll
    static void startTwoInstances() {
        // Fails here with the one-line cause when PostgreSQL is missing, not inside the first context's start-up.
        TestInfrastructure.database();
        a = Instance.start("a");
        b = Instance.start("b");
        Awaitility.await("both instances hold partitions of every store").atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Stream.of(a, b).allMatch(instance -> instance.running()
                        && instance.hostsOf(USER_STORE).equals(Set.of(a.host, b.host))
                        && instance.hostsOf(PRODUCT_STORE).equals(Set.of(a.host, b.host))));
    }

    @AfterAll
    static void stopInstances() {
        Stream.of(a, b).filter(instance -> instance != null && instance.context.isActive())
                .forEach(instance -> instance.context.close());
    }

    @Test
    @Order(1)
    void bothInstancesAnswerEveryEndpointWithTheSameCompleteFigures() {
        userOnA = keyHeldBy(a, USER_STORE, "ada-" + RUN);
        userOnB = keyHeldBy(b, USER_STORE, "bob-" + RUN);
        // By revenue the best three alternate between the instances, so only a merge of both ranks them right.
        String first = keyHeldBy(a, PRODUCT_STORE, "P1-" + RUN);
        String second = keyHeldBy(b, PRODUCT_STORE, "P2-" + RUN);
        String third = keyHeldBy(a, PRODUCT_STORE, "P3-" + RUN);
        String fourth = keyHeldBy(b, PRODUCT_STORE, "P4-" + RUN);
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant to = from.plus(Duration.ofMinutes(10));
        ShopFigures before = ShopFigures.settled(a.http, APPLICATION_ID, from, to);
        assertThat(ShopFigures.read(b.http, from, to)).as("figures on b before").isEqualTo(before);

        UUID order = UUID.randomUUID();
        List<DomainEvent> produced = new ArrayList<>();
        produced.add(Fixtures.pageView(userOnA, "s1", Fixtures.now()));
        produced.add(Fixtures.productView(userOnA, "s1", first, 10, Fixtures.now()));
        produced.add(Fixtures.purchase(userOnA, "s1", first, 1, "1000.00", Fixtures.now()));
        produced.add(Fixtures.purchase(userOnA, "s1", third, 1, "800.00", Fixtures.now()));
        produced.add(Fixtures.pageView(userOnB, "s2", Fixtures.now()));
        produced.add(Fixtures.pageView(userOnB, "s3", Fixtures.now()));
        produced.add(Fixtures.productView(userOnB, "s2", second, 20, Fixtures.now()));
        produced.add(Fixtures.addToCart(userOnB, "s2", second, Fixtures.now()));
        produced.add(Fixtures.purchase(userOnB, "s2", second, 1, "900.00", Fixtures.now()));
        produced.add(Fixtures.purchase(userOnB, "s3", fourth, 1, "700.00", Fixtures.now()));
        produced.add(Fixtures.placed(order, "55.00", Fixtures.now()));
        produced.add(Fixtures.confirmed(order, "55.00", Fixtures.now()));
        try (EventProbe probe = EventProbe.on(Topics.ACTIVITY_TRACKED)) {
            produced.forEach(event -> probe.send(event, "instances-test"));
        }

        Added added = Added.nothing().users(2).products(4).pageViews(3).productViews(2).cartAdditions(1).purchases(4)
                .revenue("3400.00").ordersPlaced(1).ordersConfirmed(1, "55.00");
        for (Instance instance : List.of(a, b)) {
            ShopFigures.awaitAdded(instance.http, from, to, before, added, produced);
        }
        assertThat(ShopFigures.read(b.http, from, to)).as("figures on b").isEqualTo(ShopFigures.read(a.http, from, to));

        for (Instance instance : List.of(a, b)) {
            assertUser(instance, userOnA, 1, 1, 2, "1800.00");
            assertUser(instance, userOnB, 2, 1, 2, "1600.00");
            instance.http.get().uri("/api/analytics/users/{id}", "nobody-" + RUN).exchange()
                    .expectStatus().isNotFound();
            instance.http.get().uri("/api/analytics/products/{id}", second).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.views").isEqualTo(1)
                    .jsonPath("$.cartAdditions").isEqualTo(1)
                    .jsonPath("$.purchases").isEqualTo(1)
                    .jsonPath("$.revenue").isEqualTo(900.0);
            instance.http.get().uri("/api/analytics/products/{id}", third).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.purchases").isEqualTo(1)
                    .jsonPath("$.revenue").isEqualTo(800.0);
            instance.http.get().uri("/api/analytics/products/top?by=revenue&limit=3").exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$[*].productId").isEqualTo(List.of(first, second, third))
                    .jsonPath("$[*].revenue").isEqualTo(List.of(1000.0, 900.0, 800.0));
        }
    }

    /**
     * The instance that stays is asked, over and over while the other shuts down and the group hands its partitions
     * over, for a user the other held and for the overview: each answer is either the complete figures or a
     * {@code 503} problem with {@code Retry-After}, until it holds every partition and answers alone.
     */
    @Test
    @Order(2)
    void answersCompleteFiguresOrUnavailableWhileAnInstanceLeaves() {
        assertThat(userOnB).as("the first test ran").isNotNull();
        Map<String, Object> overview = overviewOf(a);
        Map<String, Object> user = a.http.get().uri("/api/analytics/users/{id}", userOnB).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        b.context.close();

        Awaitility.await("a answers alone").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            boolean userComplete = completeOrUnavailable(a.http.get().uri("/api/analytics/users/{id}", userOnB)
                    .exchange().expectBody(MAP).returnResult(), user);
            boolean overviewComplete = completeOrUnavailable(a.http.get().uri("/api/analytics/overview")
                    .exchange().expectBody(MAP).returnResult(), overview);
            return userComplete && overviewComplete && a.hostsOf(USER_STORE).equals(Set.of(a.host));
        });
        assertUser(a, userOnA, 1, 1, 2, "1800.00");
    }

    /** Whether the answer is the expected figures; fails unless it is those or a {@code 503} with Retry-After. */
    private static boolean completeOrUnavailable(EntityExchangeResult<Map<String, Object>> answer,
            Map<String, Object> expected) {
        if (answer.getStatus().value() == 503) {
            assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
            assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            return false;
        }
        assertThat(answer.getStatus().value()).as("status of %s", answer.getUrl()).isEqualTo(200);
        assertThat(answer.getResponseBody()).as("figures of %s", answer.getUrl()).isEqualTo(expected);
        return true;
    }

    /** The first of {@code prefix-0}, {@code prefix-1}, ... whose partition of the store the instance holds. */
    private static String keyHeldBy(Instance owner, String store, String prefix) {
        return IntStream.range(0, 1000).mapToObj(i -> prefix + "-" + i)
                .filter(key -> owner.host.equals(a.streams().queryMetadataForKey(store, key,
                        Serdes.String().serializer()).activeHost()))
                .findFirst().orElseThrow();
    }

    private static void assertUser(Instance instance, String user, int pageViews, int productViews, int purchases,
            String totalSpent) {
        instance.http.get().uri("/api/analytics/users/{id}", user).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.userId").isEqualTo(user)
                .jsonPath("$.pageViews").isEqualTo(pageViews)
                .jsonPath("$.productViews").isEqualTo(productViews)
                .jsonPath("$.purchases").isEqualTo(purchases)
                .jsonPath("$.totalSpent").isEqualTo(new BigDecimal(totalSpent).doubleValue());
    }

    private static Map<String, Object> overviewOf(Instance instance) {
        return instance.http.get().uri("/api/analytics/overview").exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    /** One running instance of the service: its context, its HTTP API and the address it advertises. */
    private record Instance(ConfigurableApplicationContext context, RestTestClient http, HostInfo host) {

        static Instance start(String name) {
            Path stateDir = Path.of(System.getProperty("java.io.tmpdir"),
                    "eventmart-streams-test-" + System.getProperty("user.name"),
                    APPLICATION_ID + "-" + name);
            // Arguments, not default properties: those rank below application.yml, whose server.port is 8085.
            ConfigurableApplicationContext context = new SpringApplicationBuilder(AnalyticsServiceApplication.class)
                    .initializers(new RealInfrastructureInitializer())
                    .run("--server.port=0",
                            "--spring.kafka.streams.application-id=" + APPLICATION_ID,
                            "--spring.kafka.streams.client-id=" + APPLICATION_ID + "-" + name,
                            "--spring.kafka.streams.state-dir=" + stateDir,
                            // The second instance to join takes its share of the tasks at once, instead of warming
                            // up standbys first and getting them at a probing rebalance minutes later.
                            "--spring.kafka.streams.properties.acceptable.recovery.lag=" + Long.MAX_VALUE);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            RestTestClient http = Clients.withToken(port, TestTokens.testClient());
            return new Instance(context, http, new HostInfo("localhost", port));
        }

        KafkaStreams streams() {
            return context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
        }

        boolean running() {
            KafkaStreams streams = streams();
            return streams != null && streams.state() == KafkaStreams.State.RUNNING;
        }

        /** The instances this one sees holding active partitions of the store. */
        Set<HostInfo> hostsOf(String store) {
            return streams().streamsMetadataForStore(store).stream()
                    .filter(owner -> !owner.topicPartitions().isEmpty())
                    .map(StreamsMetadata::hostInfo)
                    .collect(Collectors.toSet());
        }
    }
}
