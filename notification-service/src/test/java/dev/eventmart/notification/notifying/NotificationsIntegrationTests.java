package dev.eventmart.notification.notifying;

import static dev.eventmart.test.ConsumerGroups.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.ServerSetup;
import dev.eventmart.events.EventCodec;
import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.notification.EmailSent;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.events.order.ShippingAddress;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.security.Clients;
import dev.eventmart.test.security.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Notifications against a real SMTP server (GreenMail, on a port of its own), the real broker and database: order
 * events are sent as order-service sends them, emails are read from the server, the audit trail from the database
 * and the REST API. Each test uses recipients and orders of its own. The retry budget is shortened (12 retries,
 * about 10 s) so an outage, and running out of retries, fit in a test.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "eventmart.notification.retry.max-retries=12",
        "eventmart.notification.retry.initial-interval=200ms",
        "eventmart.notification.retry.max-interval=1s",
        "eventmart.notification.email.from=orders@shop.example",
        "eventmart.notification.email.from-name=EventMart Shop" })
class NotificationsIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int SMTP_PORT = freePort();
    private static final RefusingGreenMail smtp = new RefusingGreenMail(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private RestTestClient http;

    @Autowired
    private MeterRegistry meters;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void startMailServer() {
        smtp.start();
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    @Test
    void sendsTheOrderConfirmationWithItsLinesAndTotal() throws Exception {
        String recipient = recipient();
        OrderConfirmed confirmed = confirmed(UUID.randomUUID(), recipient);
        try (EventProbe probe = EventProbe.on(Topics.EMAIL_SENT)) {
            probe.send(confirmed, "order-service");

            MimeMessage email = awaitEmails(recipient, 1).getFirst();

            String orderNumber = confirmed.orderId().toString().substring(0, 8).toUpperCase();
            assertThat(email.getSubject()).isEqualTo("Your order " + orderNumber + " is confirmed");
            assertThat(email.getRecipients(Message.RecipientType.TO))
                    .containsExactly(new InternetAddress(recipient));
            assertThat(email.getFrom()).containsExactly(new InternetAddress("orders@shop.example", "EventMart Shop"));
            String text = part(email, "text/plain");
            assertThat(text).contains("2 x Mechanical keyboard (KB-01) at 49.95 EUR: 99.90 EUR")
                    .contains("1 x Mouse <wireless> & pad (MS-02) at 15.80 EUR: 15.80 EUR")
                    .contains("Total: 115.70 EUR");
            String html = part(email, "text/html");
            assertThat(html).contains("Mechanical keyboard").contains("99.90 EUR")
                    .contains("Mouse &lt;wireless&gt; &amp; pad").doesNotContain("<wireless>")
                    .contains("Total: 115.70 EUR");
            Map<String, Object> notification = notificationOf(confirmed.orderId(), "ORDER_CONFIRMED");
            assertThat(email.getMessageID()).isEqualTo("<" + notification.get("notification_id") + "@shop.example>");
            assertThat(notification).containsEntry("status", "SENT").containsEntry("attempts", 1)
                    .containsEntry("recipient", recipient).containsEntry("channel", "EMAIL")
                    .containsEntry("last_error", null);
        }
    }

    @Test
    void countsTheNotificationsInEachStatusForOperators() {
        String recipient = recipient();
        try (EventProbe probe = EventProbe.on(Topics.EMAIL_SENT)) {
            probe.send(confirmed(UUID.randomUUID(), recipient), "order-service");
            awaitEmails(recipient, 1);
        }

        // The gauges read the table at most every few seconds; once they have, they say what the table says.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (NotificationStatus status : NotificationStatus.values()) {
                long stored = jdbc.sql("select count(*) from notification where status = ?").param(status.name())
                        .query(Long.class).single();
                assertThat(meters.get("eventmart.notifications").tag("status", status.name()).gauge().value())
                        .as("notifications %s", status).isEqualTo(stored);
            }
        });
        assertThat(meters.get("eventmart.notifications").tag("status", "SENT").gauge().value()).isPositive();
    }

    @Test
    void sendsOneEmailPerOrderAndOutcome() throws Exception {
        String recipient = recipient();
        UUID orderId = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(Topics.EMAIL_SENT)) {
            probe.send(placed(orderId, recipient), "order-service");
            awaitEmails(recipient, 1);
            probe.send(confirmed(orderId, recipient), "order-service");

            List<MimeMessage> emails = awaitEmails(recipient, 2);

            assertThat(emails).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                    "We received your order " + orderNumber(orderId),
                    "Your order " + orderNumber(orderId) + " is confirmed");
            assertThat(notificationsOf(orderId)).extracting(row -> row.get("type"))
                    .containsExactlyInAnyOrder("ORDER_RECEIVED", "ORDER_CONFIRMED");
        }
    }

    @Test
    void aDuplicatedEventSendsNothingMore() throws Exception {
        String recipient = recipient();
        OrderConfirmed confirmed = confirmed(UUID.randomUUID(), recipient);
        try (EventProbe probe = EventProbe.on(Topics.EMAIL_SENT)) {
            EventMetadata metadata = probe.send(confirmed, "order-service");
            awaitEmails(recipient, 1);

            // The same record delivered again, and the same fact under a new event id.
            probe.send(CloudEventRecords.toRecord(Topics.ORDER_CONFIRMED, metadata, EventCodec.encode(confirmed)));
            probe.send(confirmed, "order-service");
            awaitCaughtUp(OrderEventsListener.ID, Topics.ORDER_CONFIRMED);

            assertThat(emailsTo(recipient)).hasSize(1);
            assertThat(notificationsOf(confirmed.orderId())).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("status", "SENT").containsEntry("attempts", 1));
            assertThat(emailsSentFor(probe, confirmed.orderId())).hasSize(1);
        }
    }

    @Test
    void deliversExactlyOnceAfterAnSmtpOutage() throws Exception {
        String recipient = recipient();
        OrderConfirmed confirmed = confirmed(UUID.randomUUID(), recipient);
        smtp.stop();
        try {
            probe(probe -> probe.send(confirmed, "order-service"));

            await("attempts recorded while the server is down").atMost(TIMEOUT)
                    .untilAsserted(() -> assertThat(notificationOf(confirmed.orderId(), "ORDER_CONFIRMED"))
                            .containsEntry("status", "PENDING")
                            .satisfies(row -> assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(2))
                            .satisfies(row -> assertThat((String) row.get("last_error")).isNotBlank()));
        }
        finally {
            smtp.start();
        }

        awaitEmails(recipient, 1);
        await().atMost(TIMEOUT).until(() -> notificationOf(confirmed.orderId(), "ORDER_CONFIRMED").get("status"),
                "SENT"::equals);
        awaitCaughtUp(OrderEventsListener.ID, Topics.ORDER_CONFIRMED);
        assertThat(emailsTo(recipient)).hasSize(1);
        assertThat((Integer) notificationOf(confirmed.orderId(), "ORDER_CONFIRMED").get("attempts"))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void sendsTheEmailOnceWhenTheDatabaseFailsToRecordItAsSentAfterTheServerAcceptedIt() throws Exception {
        String recipient = recipient();
        OrderConfirmed confirmed = confirmed(UUID.randomUUID(), recipient);
        double retriesBefore = markSentRetries();
        databaseRefusesToMarkSent(recipient);
        try {
            probe(probe -> probe.send(confirmed, "order-service"));

            awaitEmails(recipient, 1);
            await("recording it as sent retried while the database refuses").atMost(TIMEOUT)
                    .until(() -> markSentRetries() - retriesBefore >= 3);
            assertThat(notificationOf(confirmed.orderId(), "ORDER_CONFIRMED")).containsEntry("status", "PENDING");
        }
        finally {
            databaseMarksSentAgain(recipient);
        }

        await().atMost(TIMEOUT).until(() -> notificationOf(confirmed.orderId(), "ORDER_CONFIRMED").get("status"),
                "SENT"::equals);
        awaitCaughtUp(OrderEventsListener.ID, Topics.ORDER_CONFIRMED);
        List<MimeMessage> emails = emailsTo(recipient);
        assertThat(emails).hasSize(1);
        Map<String, Object> notification = notificationOf(confirmed.orderId(), "ORDER_CONFIRMED");
        assertThat(notification).containsEntry("attempts", 1).containsEntry("last_error", null);
        assertThat(emails.getFirst().getMessageID())
                .isEqualTo("<" + notification.get("notification_id") + "@shop.example>");
    }

    @Test
    void marksANotificationWhoseRecipientTheServerRefusesFailedAndDeadLettersTheEvent() throws Exception {
        String refused = recipient();
        smtp.refuse(refused, "550 5.1.1 <" + refused + ">: mailbox unavailable");
        OrderConfirmed undeliverable = confirmed(UUID.randomUUID(), refused);
        String recipient = recipient();
        OrderConfirmed next = confirmed(UUID.randomUUID(), recipient);
        try (EventProbe deadLetters = EventProbe.on(Topics.deadLetterOf(Topics.ORDER_CONFIRMED))) {
            EventMetadata metadata = deadLetters.send(undeliverable, "order-service");
            deadLetters.send(next, "order-service");

            ReceivedEvent deadLettered = deadLetters.awaitRecord(record -> record.metadata() != null
                    && record.metadata().id().equals(metadata.id()));

            assertThat(deadLettered.event()).isEqualTo(undeliverable);
            assertThat(deadLettered.header("kafka_dlt-exception-message")).contains("550 5.1.1");
            // A 5xx is final: one attempt, no retries.
            assertThat(notificationOf(undeliverable.orderId(), "ORDER_CONFIRMED"))
                    .containsEntry("status", "FAILED").containsEntry("attempts", 1)
                    .satisfies(row -> assertThat((String) row.get("last_error"))
                            .contains("550 5.1.1 <" + refused + ">: mailbox unavailable"));
            assertThat(emailsTo(refused)).isEmpty();
            // The orders after it keep flowing.
            awaitEmails(recipient, 1);
        }
    }

    @Test
    void marksAnAddressThatCannotBeParsedFailedWithoutAskingTheServer() throws Exception {
        OrderConfirmed undeliverable = confirmed(UUID.randomUUID(), "ada.example.com");
        try (EventProbe deadLetters = EventProbe.on(Topics.deadLetterOf(Topics.ORDER_CONFIRMED))) {
            EventMetadata metadata = deadLetters.send(undeliverable, "order-service");

            ReceivedEvent deadLettered = deadLetters.awaitRecord(record -> record.metadata() != null
                    && record.metadata().id().equals(metadata.id()));

            assertThat(deadLettered.header("kafka_dlt-exception-message")).contains("ada.example.com");
            assertThat(notificationOf(undeliverable.orderId(), "ORDER_CONFIRMED"))
                    .containsEntry("status", "FAILED").containsEntry("attempts", 1)
                    .satisfies(row -> assertThat((String) row.get("last_error")).contains("invalid recipient"));
        }
    }

    @Test
    void marksANotificationFailedAndDeadLettersTheEventOnceItsRetriesAreUsedUp() throws Exception {
        String greylisted = recipient();
        smtp.refuse(greylisted, "451 4.7.1 <" + greylisted + ">: greylisted, try again later");
        OrderConfirmed confirmed = confirmed(UUID.randomUUID(), greylisted);
        try (EventProbe deadLetters = EventProbe.on(Topics.deadLetterOf(Topics.ORDER_CONFIRMED))) {
            EventMetadata metadata = deadLetters.send(confirmed, "order-service");

            // A 4xx may pass later, so it is retried: the first attempt and each of the 12 retries, then given up.
            await("retries used up").atMost(TIMEOUT).until(
                    () -> notificationOf(confirmed.orderId(), "ORDER_CONFIRMED").get("status"), "FAILED"::equals);
            ReceivedEvent deadLettered = deadLetters.awaitRecord(record -> record.metadata() != null
                    && record.metadata().id().equals(metadata.id()));

            assertThat(deadLettered.event()).isEqualTo(confirmed);
            assertThat(deadLettered.header("kafka_dlt-exception-message")).contains("451 4.7.1");
            assertThat(notificationOf(confirmed.orderId(), "ORDER_CONFIRMED"))
                    .containsEntry("attempts", 13)
                    .satisfies(row -> assertThat((String) row.get("last_error")).contains("451 4.7.1"));
            assertThat(emailsTo(greylisted)).isEmpty();
        }
    }

    @Test
    void publishesEmailSent() {
        String recipient = recipient();
        OrderCancelled cancelled = new OrderCancelled(UUID.randomUUID(), "customer-7", recipient, lines(),
                Money.of("115.70", "EUR"), CancellationReason.PAYMENT_DECLINED, "card_declined", now());
        try (EventProbe probe = EventProbe.on(Topics.EMAIL_SENT)) {
            EventMetadata metadata = probe.send(cancelled, "order-service");

            ReceivedEvent received = probe.await(EmailSent.class,
                    event -> event.orderId().equals(cancelled.orderId()));

            EmailSent sent = (EmailSent) received.event();
            Map<String, Object> notification = notificationOf(cancelled.orderId(), "ORDER_CANCELLED");
            assertThat(sent.notificationId()).isEqualTo(notification.get("notification_id"));
            assertThat(sent.type()).isEqualTo("ORDER_CANCELLED");
            assertThat(sent.recipient()).isEqualTo(recipient);
            assertThat(received.key()).isEqualTo(cancelled.orderId().toString());
            assertThat(received.metadata().source()).isEqualTo("notification-service");
            assertThat(received.metadata().correlationId()).isEqualTo(metadata.correlationId());
            assertThat((String) notification.get("text_body"))
                    .contains("was cancelled because your payment was declined. (Details: card_declined)");
        }
    }

    @Test
    void listsNotificationsByOrderAndCustomer() {
        String customerId = "customer-" + UUID.randomUUID();
        String recipient = recipient();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        probe(probe -> {
            probe.send(placed(first, customerId, recipient), "order-service");
            probe.send(confirmed(first, customerId, recipient), "order-service");
            probe.send(placed(second, customerId, recipient), "order-service");
        });
        await().atMost(TIMEOUT).until(() -> jdbc.sql("select count(*) from notification where customer_id = ?"
                + " and status = 'SENT'").param(customerId).query(Integer.class).single() == 3);

        http.get().uri("/api/notifications?customerId={customerId}&size=2", customerId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.content.length()").isEqualTo(2)
                .jsonPath("$.totalElements").isEqualTo(3)
                .jsonPath("$.totalPages").isEqualTo(2)
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.size").isEqualTo(2)
                .jsonPath("$.content[0].textBody").doesNotExist();
        http.get().uri("/api/notifications?orderId={orderId}&type=ORDER_CONFIRMED", first).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.totalElements").isEqualTo(1)
                .jsonPath("$.content[0].orderId").isEqualTo(first.toString())
                .jsonPath("$.content[0].customerId").isEqualTo(customerId)
                .jsonPath("$.content[0].recipient").isEqualTo(recipient)
                .jsonPath("$.content[0].type").isEqualTo("ORDER_CONFIRMED")
                .jsonPath("$.content[0].channel").isEqualTo("EMAIL")
                .jsonPath("$.content[0].subject").isEqualTo("Your order " + orderNumber(first) + " is confirmed")
                .jsonPath("$.content[0].status").isEqualTo("SENT")
                .jsonPath("$.content[0].attempts").isEqualTo(1)
                .jsonPath("$.content[0].createdAt").exists()
                .jsonPath("$.content[0].sentAt").exists();

        Object id = notificationOf(first, "ORDER_CONFIRMED").get("notification_id");
        http.get().uri("/api/notifications/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.notificationId").isEqualTo(id.toString())
                .jsonPath("$.textBody").value(body -> assertThat(body.toString()).contains("Total: 115.70 EUR"))
                .jsonPath("$.htmlBody").value(body -> assertThat(body.toString()).contains("<table"));
    }

    @Test
    void showsACustomerOnlyTheirOwnNotificationsAndStaffEveryones() {
        String alice = "alice-" + UUID.randomUUID();
        UUID order = UUID.randomUUID();
        probe(probe -> probe.send(placed(order, alice, recipient()), "order-service"));
        await().atMost(TIMEOUT).until(() -> jdbc.sql("select count(*) from notification where customer_id = ?")
                .param(alice).query(Integer.class).single() == 1);
        Object id = notificationOf(order, "ORDER_RECEIVED").get("notification_id");
        RestTestClient asAlice = Clients.withToken(port, TestTokens.customer(alice));
        RestTestClient asBob = Clients.withToken(port, TestTokens.customer("bob-" + UUID.randomUUID()));

        asAlice.get().uri("/api/notifications/{id}", id).exchange().expectStatus().isOk();
        asAlice.get().uri("/api/notifications").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.totalElements").isEqualTo(1)
                .jsonPath("$.content[0].customerId").isEqualTo(alice);
        asBob.get().uri("/api/notifications/{id}", id).exchange().expectStatus().isNotFound();
        asBob.get().uri("/api/notifications?orderId={order}", order).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.totalElements").isEqualTo(0);
        Clients.withToken(port, TestTokens.staff()).get().uri("/api/notifications/{id}", id).exchange()
                .expectStatus().isOk();
        Clients.withToken(port, TestTokens.token(alice).roles("customer").scopes(List.of("notifications"))
                .expiresAt(Instant.now().minusSeconds(600)).sign()).get().uri("/api/notifications").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE);
    }

    @Test
    void saysNothingAboutAReceivedOrderWhoseOutcomeCameFirst() {
        String recipient = recipient();
        UUID orderId = UUID.randomUUID();
        probe(probe -> probe.send(new OrderCancelled(orderId, "customer-1", recipient, lines(),
                Money.of("115.70", "EUR"), CancellationReason.OUT_OF_STOCK, null, now()), "order-service"));
        awaitEmails(recipient, 1);

        probe(probe -> probe.send(placed(orderId, recipient), "order-service"));
        awaitCaughtUp(OrderEventsListener.ID, Topics.ORDER_PLACED);

        assertThat(notificationsOf(orderId)).extracting(row -> row.get("type")).containsExactly("ORDER_CANCELLED");
        assertThat(emailsTo(recipient)).hasSize(1);
    }

    /**
     * From now on the database fails every update that marks a notification to {@code recipient} sent, as a database
     * that is starting up does ({@code 57P03}): a trigger in the real database, so the service's own transaction,
     * Hibernate and the failure classification all run as in an outage.
     */
    private void databaseRefusesToMarkSent(String recipient) {
        jdbc.sql("create table if not exists mark_sent_refused (recipient text primary key)").update();
        jdbc.sql("""
                create or replace function refuse_mark_sent() returns trigger language plpgsql as $$
                begin
                    if new.status = 'SENT' and exists (select 1 from mark_sent_refused where recipient = new.recipient)
                    then
                        raise exception 'the database system is starting up (test)' using errcode = '57P03';
                    end if;
                    return new;
                end $$""").update();
        jdbc.sql("drop trigger if exists refuse_mark_sent on notification").update();
        jdbc.sql("create trigger refuse_mark_sent before update on notification for each row"
                + " execute function refuse_mark_sent()").update();
        jdbc.sql("insert into mark_sent_refused (recipient) values (?)").param(recipient).update();
    }

    private void databaseMarksSentAgain(String recipient) {
        jdbc.sql("delete from mark_sent_refused where recipient = ?").param(recipient).update();
    }

    private double markSentRetries() {
        return meters.counter("eventmart.notifications.mark-sent.retries").count();
    }

    private void probe(Consumer<EventProbe> action) {
        try (EventProbe probe = EventProbe.on(Topics.EMAIL_SENT)) {
            action.accept(probe);
        }
    }

    private static List<MimeMessage> awaitEmails(String recipient, int count) {
        return await("emails to " + recipient).atMost(TIMEOUT).until(() -> emailsTo(recipient),
                emails -> emails.size() >= count);
    }

    private static List<MimeMessage> emailsTo(String recipient) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(email -> {
            try {
                return Arrays.stream(email.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().equals(recipient));
            }
            catch (MessagingException ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

    private static String part(MimeMessage email, String contentType) throws Exception {
        return findPart((MimeMultipart) email.getContent(), contentType);
    }

    private static String findPart(MimeMultipart multipart, String contentType) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (part.getContent() instanceof MimeMultipart nested) {
                String found = findPart(nested, contentType);
                if (found != null) {
                    return found;
                }
            }
            else if (part.isMimeType(contentType)) {
                return (String) part.getContent();
            }
        }
        return null;
    }

    private Map<String, Object> notificationOf(UUID orderId, String type) {
        return jdbc.sql("select * from notification where order_id = ? and type = ?").params(orderId, type)
                .query().singleRow();
    }

    private List<Map<String, Object>> notificationsOf(UUID orderId) {
        return jdbc.sql("select * from notification where order_id = ?").param(orderId).query().listOfRows();
    }

    /** EmailSent events of an order, read once the outbox is drained (all committed events acknowledged). */
    private List<EmailSent> emailsSentFor(EventProbe probe, UUID orderId) {
        await().atMost(TIMEOUT).until(() -> jdbc.sql("select count(*) from outbox_event").query(Integer.class)
                .single() == 0);
        return probe.received().stream()
                .map(ReceivedEvent::event)
                .filter(event -> event instanceof EmailSent sent && sent.orderId().equals(orderId))
                .map(EmailSent.class::cast)
                .toList();
    }

    private static String recipient() {
        return "ada+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String orderNumber(UUID orderId) {
        return orderId.toString().substring(0, 8).toUpperCase();
    }

    private static OrderPlaced placed(UUID orderId, String recipient) {
        return placed(orderId, "customer-1", recipient);
    }

    private static OrderPlaced placed(UUID orderId, String customerId, String recipient) {
        return new OrderPlaced(orderId, customerId, recipient, lines(), Money.of("115.70", "EUR"),
                new ShippingAddress("1 Main St", "Springfield", "IL", "62701", "US"), now());
    }

    private static OrderConfirmed confirmed(UUID orderId, String recipient) {
        return confirmed(orderId, "customer-1", recipient);
    }

    private static OrderConfirmed confirmed(UUID orderId, String customerId, String recipient) {
        return new OrderConfirmed(orderId, customerId, recipient, lines(), Money.of("115.70", "EUR"),
                UUID.randomUUID(), now());
    }

    private static List<OrderLine> lines() {
        return List.of(
                new OrderLine("P-1001", "KB-01", "Mechanical keyboard", 2, Money.of("49.95", "EUR"),
                        Money.of("99.90", "EUR")),
                new OrderLine("P-1009", "MS-02", "Mouse <wireless> & pad", 1, Money.of("15.80", "EUR"),
                        Money.of("15.80", "EUR")));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
