package dev.eventmart.order.expiry;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.place;
import static dev.eventmart.order.OrderFixtures.productInCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.ServiceIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Several instances of order-service scan for stalled orders at the same moment. The scheduler is held off (a
 * scan interval of an hour), and three threads stand in for three instances, each scanning in small batches.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "eventmart.order.expiry.timeout=1m",
        "eventmart.order.expiry.scan-interval=1h",
        "eventmart.order.expiry.batch-size=4" })
class OrderExpiryConcurrencyIntegrationTests {

    private static final int ORDERS = 30;
    private static final int INSTANCES = 3;

    @Autowired
    private RestTestClient http;

    @Autowired
    private CatalogReplica catalog;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private OrderExpiry expiry;

    @Test
    void expiresEveryStalledOrderExactlyOnceWhenSeveralInstancesScanAtOnce() throws Exception {
        try (EventProbe probe = EventProbe.on(Topics.ORDER_EXPIRED)) {
            String product = productInCatalog(probe, catalog, "10.00");
            List<UUID> stalled = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                stalled.add(place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1)))));
            }
            // Placed two minutes ago, as far as the expiry job can tell.
            jdbc.sql("update customer_order set created_at = created_at - interval '2 minutes' where order_id in (:ids)")
                    .param("ids", stalled)
                    .update();

            // Other test classes' contexts may still be scanning the same database: more instances, same rule.
            scanConcurrently();

            for (UUID orderId : stalled) {
                probe.await(OrderExpired.class, event -> event.orderId().equals(orderId));
            }
            Map<UUID, Long> expiredEvents = probe.received().stream().map(ReceivedEvent::event)
                    .filter(OrderExpired.class::isInstance).map(event -> ((OrderExpired) event).orderId())
                    .filter(stalled::contains)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(expiredEvents).hasSize(ORDERS).allSatisfy((orderId, count) -> assertThat(count).isOne());
            assertThat(jdbc.sql("""
                    select count(*) from order_status_change
                    where order_id in (:ids) and status = 'EXPIRED'""").param("ids", stalled)
                    .query(Long.class).single()).isEqualTo(ORDERS);
        }
    }

    /** Each instance scans until it finds nothing left to claim. */
    private void scanConcurrently() throws Exception {
        CyclicBarrier start = new CyclicBarrier(INSTANCES);
        Callable<Integer> instance = () -> {
            start.await();
            int claimed = 0;
            for (int batch = expiry.expireBatch(); batch > 0; batch = expiry.expireBatch()) {
                claimed += batch;
            }
            return claimed;
        };
        try (ExecutorService instances = Executors.newFixedThreadPool(INSTANCES)) {
            for (Future<Integer> result : instances.invokeAll(List.of(instance, instance, instance))) {
                result.get();
            }
        }
    }
}
