package dev.eventmart.notification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.notification.EmailSent;
import dev.eventmart.test.AbstractServiceIntegrationTests;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

class NotificationServiceIntegrationTests extends AbstractServiceIntegrationTests {

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

    private void insertNotification(UUID orderId, String type) {
        jdbc.sql("""
                insert into notification (notification_id, order_id, customer_id, recipient, type, channel,
                    subject, text_body, html_body, status, created_at)
                values (?, ?, 'customer-1', 'ada@example.com', ?, 'EMAIL', 'Subject', 'text', '<p>html</p>',
                    'PENDING', now())""")
                .params(UUID.randomUUID(), orderId, type).update();
    }
}
