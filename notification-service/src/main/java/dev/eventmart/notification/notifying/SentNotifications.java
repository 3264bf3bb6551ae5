package dev.eventmart.notification.notifying;

import dev.eventmart.events.notification.EmailSent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the emails the mail server accepted: every notification of a poll marked {@code SENT} in one statement,
 * which hands back what the {@code EmailSent} events need. Loading the notifications (with their bodies) and
 * letting Hibernate write each back cost a select and one update per notification, and the updates were among the
 * most expensive statements of an order in {@code pg_stat_statements}. Only changed columns are written, none of
 * them indexed, so with the table's free space per page ({@code fillfactor}) the update stays on its page (HOT).
 */
@Component
class SentNotifications {

    private final JdbcClient jdbc;

    SentNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks these notifications sent (one more attempt, the error cleared) and returns an {@code EmailSent} for each
     * one that was not sent yet; one already {@code SENT} (a concurrent attempt got there first) is left as it is.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<EmailSent> markSent(Collection<UUID> notificationIds, Instant now) {
        return jdbc.sql("""
                update notification
                set status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = null, version = version + 1
                where notification_id = any(?::uuid[]) and status <> 'SENT'
                returning notification_id, order_id, type, recipient""")
                .param(Timestamp.from(now))
                .param(notificationIds.stream().map(UUID::toString).toArray(String[]::new))
                .query((row, n) -> new EmailSent(row.getObject("notification_id", UUID.class),
                        row.getObject("order_id", UUID.class), row.getString("type"), row.getString("recipient"), now))
                .list();
    }
}
