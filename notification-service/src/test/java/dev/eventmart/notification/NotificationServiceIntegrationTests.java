package dev.eventmart.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Money;
import dev.eventmart.events.notification.EmailSent;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.test.AbstractServiceIntegrationTests;
import dev.eventmart.test.EventProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.mail.javamail.JavaMailSender;

/** The service contract, and the service as it runs locally: no mail host configured, emails go to the log. */
@ExtendWith(OutputCaptureExtension.class)
class NotificationServiceIntegrationTests extends AbstractServiceIntegrationTests {

    @Autowired
    private ApplicationContext context;

    @Override
    protected String schema() {
        return "notifications";
    }

    @Override
    protected DomainEvent sampleEvent() {
        return new EmailSent(UUID.randomUUID(), UUID.randomUUID(), "ORDER_CONFIRMED", "ada@example.com",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void keepsOneNotificationPerOrderAndOutcome() {
        UUID orderId = UUID.randomUUID();
        insertNotification(orderId, "ORDER_RECEIVED");
        insertNotification(orderId, "ORDER_CONFIRMED");

        assertThatThrownBy(() -> insertNotification(orderId, "ORDER_CONFIRMED"))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void writesEmailsToTheLogWhenNoMailHostIsConfigured(CapturedOutput output) {
        UUID orderId = UUID.randomUUID();
        OrderConfirmed confirmed = new OrderConfirmed(orderId, "customer-1", "grace@example.com",
                List.of(new OrderLine("P-1", "DL-1", "Desk lamp", 1, Money.of("19.99", "EUR"),
                        Money.of("19.99", "EUR"))),
                Money.of("19.99", "EUR"), UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        try (EventProbe probe = EventProbe.on("notification.email.sent")) {
            probe.send(confirmed, "order-service");

            probe.await(EmailSent.class, event -> event.orderId().equals(orderId));
        }

        assertThat(context.getBeanNamesForType(JavaMailSender.class)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                .contains("to grace@example.com (log channel, no mail host configured): Your order "
                        + orderId.toString().substring(0, 8).toUpperCase() + " is confirmed"));
        assertThat(jdbc.sql("select status from notification where order_id = ?").param(orderId)
                .query(String.class).single()).isEqualTo("SENT");
        assertThat(jdbc.sql("select text_body from notification where order_id = ?").param(orderId)
                .query(String.class).single()).contains("1 x Desk lamp (DL-1) at 19.99 EUR: 19.99 EUR");
    }

    private void insertNotification(UUID orderId, String type) {
        jdbc.sql("""
                insert into notification (notification_id, order_id, customer_id, recipient, type, channel,
                    subject, text_body, html_body, status, created_at)
                values (?, ?, 'customer-1', 'ada@example.com', ?, 'EMAIL', 'Subject', 'text', '<p>html</p>',
                    'PENDING', now())""")
                .params(UUID.randomUUID(), orderId, type).update();
    }
}
