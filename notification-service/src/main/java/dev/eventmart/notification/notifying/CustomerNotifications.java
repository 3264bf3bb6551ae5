package dev.eventmart.notification.notifying;

import dev.eventmart.events.notification.EmailSent;
import dev.eventmart.notification.email.EmailChannel;
import dev.eventmart.notification.email.EmailNotSent;
import dev.eventmart.support.locking.OrderLocks;
import dev.eventmart.support.messaging.Failures;
import dev.eventmart.support.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each customer notification exactly once per (order, type), however often its event is delivered.
 *
 * <p>The listeners hand over a poll's worth of notices at a time; the steps, with the emails sent between the two
 * transactions and outside any (a slow mail server holds no database connection and no lock):
 * <ol>
 * <li><b>Claim</b>, one transaction for the poll: under the orders' locks, find the notification of each
 * (order, type) or render and store it {@code PENDING}; {@code unique (order_id, type)} makes it the only one.
 * Committed before anything is sent, so every later delivery of the event finds it.</li>
 * <li><b>Send</b> each stored content (the same email, and the same {@code Message-ID}, on every attempt).</li>
 * <li><b>Mark sent</b>, one transaction for the emails sent: {@code SENT} with the attempt counted, in one
 * statement ({@link SentNotifications}), and {@code EmailSent} stored in the outbox, published after commit. A
 * failed attempt marks those sent before it, records the attempt and its error in a transaction of its own, then
 * reports that notice's record, so the listener's error handler commits the records before it and redelivers from
 * it with backoff ({@link NotificationErrorHandling}).</li>
 * </ol>
 * Per poll that is two transactions and three queries instead of two transactions and four queries per notice
 * (measured: notification-service was the second-largest CPU cost of an order).
 * A delivery that finds the notification {@code SENT} does nothing: redeliveries, duplicates with a new event id,
 * and a restart after the mark but before the offset commit send nothing more.
 *
 * <p>Once the mail server has accepted an email, only step 3 is tried again: if the database fails it (away,
 * restarting, contended: a transient failure as {@link Failures} tells), the mark is retried here with backoff for
 * up to {@link MarkSentProperties#retryFor()} (5 minutes), counted in
 * {@code eventmart.notifications.mark-sent.retries}, instead of failing the record, whose redelivery would find the
 * notification {@code PENDING} and send the email again. Any other failure, or an outage longer than that, is left
 * to the error handler as before.
 *
 * <p>What is left: the process dies (or loses its partition, or the database stays away longer than the retries)
 * after the mail server accepted the email and before step 3 commits. The notification is still {@code PENDING}, the
 * event is delivered again and the email is sent a second time. No design closes that: SMTP has no idempotency key
 * and no way to ask whether a message was accepted, so the choice is between "maybe twice" and "maybe never", and a
 * customer must hear about their order. It spans the sends of one poll (at most {@code max.poll.records}, and one
 * notice at low load); both copies carry the same {@code Message-ID}, derived from the notification id
 * ({@code <notificationId@domain>}), by which a receiving server or client can drop the second as a duplicate.
 * Partitions keep one order's events of a topic on one consumer, and bounded SMTP timeouts keep a send well under
 * {@code max.poll.interval.ms}, so two consumers sending the same notification at once would need that same kind of
 * failure.
 */
@Service
@EnableConfigurationProperties(MarkSentProperties.class)
class CustomerNotifications {

    private static final Logger log = LoggerFactory.getLogger(CustomerNotifications.class);

    private final Notifications notifications;
    private final NotificationClaims claims;
    private final SentNotifications sentNotifications;
    private final NotificationTemplates templates;
    private final OrderLocks locks;
    private final EmailChannel channel;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Counter sent;
    private final Counter failedAttempts;
    private final Counter failed;
    private final RetryTemplate markSentRetries;

    CustomerNotifications(Notifications notifications, NotificationClaims claims, SentNotifications sentNotifications,
            NotificationTemplates templates, OrderLocks locks, EmailChannel channel, Outbox outbox,
            TransactionTemplate transactions, Clock clock, MeterRegistry meters,
            MarkSentProperties markSent) {
        this.notifications = notifications;
        this.claims = claims;
        this.sentNotifications = sentNotifications;
        this.templates = templates;
        this.locks = locks;
        this.channel = channel;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.sent = counter(meters, "sent", "Notifications accepted by the mail server (or logged)");
        this.failedAttempts = counter(meters, "attempts.failed", "Failed attempts at sending a notification");
        this.failed = counter(meters, "failed", "Notifications given up on (FAILED, event dead-lettered)");
        this.markSentRetries = markSentRetries(markSent, counter(meters, "mark-sent.retries",
                "Retries of recording emails the mail server accepted, while the database failed"));
    }

    /**
     * Makes sure each customer gets each notice, once: a poll's worth claimed in one transaction, sent one by one
     * outside any transaction, and those sent marked in one more. When a send fails, the ones before it are marked
     * sent, the attempt is recorded, and the failure is reported at that notice's index, so the error handler
     * commits what went before and redelivers from there (see the class comment).
     */
    void notify(List<OrderNotice> notices) {
        List<Notification> claimed = transactions.execute(status -> claim(notices));
        List<Delivered> delivered = new ArrayList<>();
        Set<UUID> handled = new HashSet<>();
        for (int index = 0; index < notices.size(); index++) {
            Notification notification = claimed.get(index);
            // Skipped: said nothing (the outcome overtook the placement), already sent, or a duplicate in this poll.
            if (notification == null || notification.isSent() || !handled.add(notification.notificationId())) {
                continue;
            }
            try {
                channel.send(notification.email());
                delivered.add(new Delivered(notification.notificationId(), notices.get(index).correlationId()));
            }
            catch (EmailNotSent ex) {
                markSent(delivered);
                throw new BatchListenerFailedException("notice " + index + " of the poll not sent",
                        notSent(notices.get(index), notification, ex), index);
            }
        }
        markSent(delivered);
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

    /**
     * Under the orders' locks, finds or stores (rendered, {@code PENDING}) the notification of each notice; the list
     * is aligned with the notices, {@code null} where there is nothing to say. One query reads what the orders
     * already have, one stores the new ones ({@link NotificationClaims}); {@code unique (order_id, type)} makes a
     * claim the only one.
     */
    private List<Notification> claim(List<OrderNotice> notices) {
        Set<UUID> orderIds = notices.stream().map(OrderNotice::orderId).collect(Collectors.toSet());
        locks.lockAll(orderIds);
        Map<NoticeKey, Notification> known = new HashMap<>();
        for (Notification existing : claims.ofOrders(orderIds)) {
            known.put(new NoticeKey(existing.orderId(), existing.type()), existing);
        }
        List<Notification> claimed = new ArrayList<>(notices.size());
        List<Notification> fresh = new ArrayList<>();
        for (OrderNotice notice : notices) {
            claimed.add(known.computeIfAbsent(new NoticeKey(notice.orderId(), notice.type()), key -> {
                Notification pending = pending(notice, known);
                if (pending != null) {
                    fresh.add(pending);
                }
                return pending;
            }));
        }
        claims.insertAll(fresh);
        return claimed;
    }

    /** The notification to store for this notice, rendered; {@code null} if there is nothing to say. */
    private Notification pending(OrderNotice notice, Map<NoticeKey, Notification> known) {
        if (notice.type() == NotificationType.ORDER_RECEIVED && NotificationType.OUTCOMES.stream()
                .anyMatch(outcome -> known.containsKey(new NoticeKey(notice.orderId(), outcome)))) {
            // The outcome overtook the placement (different topics): the customer already knows how it ended.
            log.info("Order {} already has its outcome notification; not sending ORDER_RECEIVED", notice.orderId());
            return null;
        }
        return Notification.pending(notice, templates.render(notice), now());
    }

    /**
     * Marks the delivered notifications {@code SENT} and stores an {@code EmailSent} for each, in one transaction,
     * retried while the database fails transiently: the emails are out, so sending them again is what must not
     * happen.
     */
    private void markSent(List<Delivered> delivered) {
        if (delivered.isEmpty()) {
            return;
        }
        Map<UUID, String> correlation = new HashMap<>();
        delivered.forEach(item -> correlation.put(item.notificationId(), item.correlationId()));
        int marked = markSentRetries.invoke(() -> transactions.execute(status -> markSentOnce(correlation)));
        sent.increment(marked);
    }

    private int markSentOnce(Map<UUID, String> correlation) {
        List<EmailSent> emailsSent = sentNotifications.markSent(correlation.keySet(), now());
        outbox.addAll(emailsSent, emailSent -> correlation.get(emailSent.notificationId()));
        return emailsSent.size();
    }

    /** Records the failed attempt and says whether it may pass later (redelivered) or never will. */
    private NotificationNotSent notSent(OrderNotice notice, Notification notification, EmailNotSent ex) {
        recordFailedAttempt(notification.notificationId(), ex.getMessage());
        log.warn("{} {} of order {} to {} not sent ({}): {}", notice.type(), notification.notificationId(),
                notice.orderId(), notification.recipient(), ex.permanent() ? "permanent" : "will retry",
                ex.getMessage());
        return ex.permanent() ? new RecipientRefused(notification.notificationId(), ex.getMessage(), ex)
                : new NotificationNotSent(notification.notificationId(), ex.getMessage(), ex);
    }

    private void recordFailedAttempt(UUID notificationId, String error) {
        failedAttempts.increment();
        transactions.executeWithoutResult(status -> notifications.findById(notificationId)
                .ifPresent(notification -> notification.attemptFailed(error)));
    }

    private Instant now() {
        return clock.instant();
    }

    private record NoticeKey(UUID orderId, NotificationType type) {
    }

    private record Delivered(UUID notificationId, String correlationId) {
    }

    /** Retries a transient failure with capped exponential backoff, for up to {@code retryFor} in all. */
    private static RetryTemplate markSentRetries(MarkSentProperties properties, Counter retries) {
        RetryTemplate template = new RetryTemplate(RetryPolicy.builder()
                .predicate(failure -> Failures.classify(failure) == Failures.Kind.TRANSIENT)
                .maxRetries(Long.MAX_VALUE)
                .timeout(properties.retryFor())
                .delay(properties.initialInterval())
                .multiplier(2)
                .maxDelay(properties.maxInterval())
                .build());
        template.setRetryListener(new RetryListener() {

            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
                retries.increment();
                log.warn("Emails accepted by the mail server not yet recorded as sent (retry {}): {}",
                        state.getRetryCount() + 1, String.valueOf(state.getLastException()));
            }
        });
        return template;
    }

    private static Counter counter(MeterRegistry meters, String name, String description) {
        return Counter.builder("eventmart.notifications." + name).description(description).register(meters);
    }
}
