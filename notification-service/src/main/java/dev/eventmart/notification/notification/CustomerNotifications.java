package dev.eventmart.notification.notification;

import dev.eventmart.events.notification.EmailSent;
import dev.eventmart.notification.email.EmailChannel;
import dev.eventmart.notification.email.EmailNotSent;
import dev.eventmart.support.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each customer notification exactly once per (order, type), however often its event is delivered.
 *
 * <p>The steps, each its own transaction, with the email sent between them and outside any transaction (a slow
 * mail server holds no database connection and no lock):
 * <ol>
 * <li><b>Claim</b>: under the order's lock, find the notification of (order, type) or render and store it
 * {@code PENDING}; {@code unique (order_id, type)} makes it the only one. Committed before anything is sent, so
 * every later delivery of the event finds it.</li>
 * <li><b>Send</b> the stored content (the same email, and the same {@code Message-ID}, on every attempt).</li>
 * <li><b>Mark sent</b>: {@code SENT} with the attempt counted, and {@code EmailSent} stored in the outbox in the
 * same transaction, published after commit. A failed attempt instead records the attempt and its error in a
 * transaction of its own, then throws, so the listener's error handler redelivers the event with backoff
 * ({@link NotificationErrorHandling}).</li>
 * </ol>
 * A delivery that finds the notification {@code SENT} does nothing: redeliveries, duplicates with a new event id,
 * and a restart after the mark but before the offset commit send nothing more.
 *
 * <p>The one window left: the process dies (or loses its partition) after the mail server accepted the email and
 * before step 3 commits. The notification is still {@code PENDING}, the event is delivered again and the email is
 * sent a second time. No design closes it: SMTP has no idempotency key and no way to ask whether a message was
 * accepted, so the choice is between "maybe twice" and "maybe never", and a customer must hear about their order.
 * It is a few milliseconds wide per email, and both copies carry the same {@code Message-ID}
 * ({@code <notificationId@domain>}), by which mail servers and clients can recognise the second as a duplicate.
 * Partitions keep one order's events of a topic on one consumer, and bounded SMTP timeouts keep a send well under
 * {@code max.poll.interval.ms}, so two consumers sending the same notification at once would need that same kind of
 * failure.
 */
@Service
class CustomerNotifications {

    private static final Logger log = LoggerFactory.getLogger(CustomerNotifications.class);

    private final Notifications notifications;
    private final NotificationTemplates templates;
    private final OrderLocks locks;
    private final EmailChannel channel;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Counter sent;
    private final Counter failedAttempts;
    private final Counter failed;

    CustomerNotifications(Notifications notifications, NotificationTemplates templates, OrderLocks locks,
            EmailChannel channel, Outbox outbox, TransactionTemplate transactions, ObjectProvider<Clock> clock,
            MeterRegistry meters) {
        this.notifications = notifications;
        this.templates = templates;
        this.locks = locks;
        this.channel = channel;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.sent = counter(meters, "sent", "Notifications accepted by the mail server (or logged)");
        this.failedAttempts = counter(meters, "attempts.failed", "Failed attempts at sending a notification");
        this.failed = counter(meters, "failed", "Notifications given up on (FAILED, event dead-lettered)");
    }

    /** Makes sure the customer gets the notice, once; throws if this attempt failed (see the class comment). */
    void notify(OrderNotice notice) {
        Optional<Notification> claimed = transactions.execute(status -> claim(notice));
        if (claimed == null || claimed.isEmpty()) {
            return;
        }
        Notification notification = claimed.get();
        if (notification.isSent()) {
            log.debug("{} of order {} already sent as {}", notice.type(), notice.orderId(),
                    notification.notificationId());
            return;
        }
        try {
            channel.send(notification.email());
        }
        catch (EmailNotSent ex) {
            recordFailedAttempt(notification.notificationId(), ex.getMessage());
            log.warn("{} {} of order {} to {} not sent ({}): {}", notice.type(), notification.notificationId(),
                    notice.orderId(), notification.recipient(), ex.permanent() ? "permanent" : "will retry",
                    ex.getMessage());
            if (ex.permanent()) {
                throw new RecipientRefused(notification.notificationId(), ex.getMessage(), ex);
            }
            throw new NotificationNotSent(notification.notificationId(), ex.getMessage(), ex);
        }
        transactions.executeWithoutResult(status -> markSent(notification.notificationId(), notice.correlationId()));
    }

    /**
     * Gives up on a notification: its retries are used up or its address was refused. Called by the error handler
     * just before the event goes to the dead-letter topic; a notification sent meanwhile stays {@code SENT}.
     */
    void giveUp(UUID notificationId) {
        transactions.executeWithoutResult(status -> notifications.findById(notificationId).ifPresent(notification -> {
            if (!notification.isSent()) {
                notification.failed();
                failed.increment();
                log.error("{} {} of order {} to {} FAILED after {} attempts: {}", notification.type(),
                        notificationId, notification.orderId(), notification.recipient(), notification.attempts(),
                        notification.lastError());
            }
        }));
    }

    private Optional<Notification> claim(OrderNotice notice) {
        locks.lock(notice.orderId());
        Optional<Notification> existing = notifications.findByOrderIdAndType(notice.orderId(), notice.type());
        if (existing.isPresent()) {
            return existing;
        }
        if (notice.type() == NotificationType.ORDER_RECEIVED
                && notifications.existsByOrderIdAndTypeIn(notice.orderId(), NotificationType.OUTCOMES)) {
            // The outcome overtook the placement (different topics): the customer already knows how it ended.
            log.info("Order {} already has its outcome notification; not sending ORDER_RECEIVED", notice.orderId());
            return Optional.empty();
        }
        return Optional.of(notifications.save(Notification.pending(notice, templates.render(notice), now())));
    }

    private void markSent(UUID notificationId, String correlationId) {
        Notification notification = notifications.findById(notificationId).orElseThrow();
        EmailSent emailSent = notification.sent(now());
        if (emailSent != null) {
            outbox.add(emailSent, correlationId);
            sent.increment();
            log.info("{} {} of order {} sent to {} (attempt {})", notification.type(), notificationId,
                    notification.orderId(), notification.recipient(), notification.attempts());
        }
    }

    private void recordFailedAttempt(UUID notificationId, String error) {
        failedAttempts.increment();
        transactions.executeWithoutResult(status -> notifications.findById(notificationId)
                .ifPresent(notification -> notification.attemptFailed(error)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Counter counter(MeterRegistry meters, String name, String description) {
        return Counter.builder("eventmart.notifications." + name).description(description).register(meters);
    }
}
