package dev.eventmart.notification.notifying;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The claim step's two statements ({@link CustomerNotifications}), in plain SQL: what a poll's orders already have,
 * and the new notifications inserted in one statement from {@code unnest}. Through Hibernate they cost a fifth of
 * notification-service's CPU in a JFR profile at 20 orders/s, nearly all of it around one small query: a native
 * query returning entities resolves its result-set mapping again on every call, and asks the driver for the result
 * set's metadata to do so; the inserts were one persist and one flushed statement per notification. Rows read here
 * are the same rows the JPA mapping reads ({@link Notifications}), which the rest of the service uses.
 */
@Component
class NotificationClaims {

    private final JdbcClient jdbc;

    NotificationClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every notification of these orders (a few each). */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Notification> ofOrders(Collection<UUID> orderIds) {
        return jdbc.sql("select * from notification where order_id = any(?::uuid[])")
                .param(orderIds.stream().map(UUID::toString).toArray(String[]::new))
                .query((row, n) -> read(row))
                .list();
    }

    /** Stores these new notifications, {@code PENDING}, in one statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    void insertAll(List<Notification> pending) {
        if (pending.isEmpty()) {
            return;
        }
        int size = pending.size();
        String[] ids = new String[size];
        String[] orderIds = new String[size];
        String[] customerIds = new String[size];
        String[] recipients = new String[size];
        String[] types = new String[size];
        String[] channels = new String[size];
        String[] subjects = new String[size];
        String[] textBodies = new String[size];
        String[] htmlBodies = new String[size];
        String[] statuses = new String[size];
        String[] createdAt = new String[size];
        for (int i = 0; i < size; i++) {
            Notification notification = pending.get(i);
            ids[i] = notification.notificationId().toString();
            orderIds[i] = notification.orderId().toString();
            customerIds[i] = notification.customerId();
            recipients[i] = notification.recipient();
            types[i] = notification.type().name();
            channels[i] = notification.channel().name();
            subjects[i] = notification.subject();
            textBodies[i] = notification.textBody();
            htmlBodies[i] = notification.htmlBody();
            statuses[i] = notification.status().name();
            createdAt[i] = notification.createdAt().toString();
        }
        jdbc.sql("""
                insert into notification (notification_id, order_id, customer_id, recipient, type, channel, subject,
                    text_body, html_body, status, created_at, attempts, version)
                select n.*, 0, 0
                from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::timestamptz[]) as n""")
                .params(ids, orderIds, customerIds, recipients, types, channels, subjects, textBodies, htmlBodies,
                        statuses, createdAt)
                .update();
    }

    private static Notification read(ResultSet row) throws SQLException {
        return new Notification(row.getObject("notification_id", UUID.class), row.getObject("order_id", UUID.class),
                row.getString("customer_id"), row.getString("recipient"),
                NotificationType.valueOf(row.getString("type")), NotificationChannel.valueOf(row.getString("channel")),
                row.getString("subject"), row.getString("text_body"), row.getString("html_body"),
                NotificationStatus.valueOf(row.getString("status")), row.getInt("attempts"),
                row.getString("last_error"), instant(row, "created_at"), instant(row, "sent_at"),
                row.getLong("version"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
