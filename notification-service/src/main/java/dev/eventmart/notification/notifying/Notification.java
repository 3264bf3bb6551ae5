package dev.eventmart.notification.notifying;

import dev.eventmart.notification.email.Email;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One customer notification and its delivery record: the content as rendered when it was claimed (so every attempt
 * sends the same email), how many attempts it took and the last error. It guards its own transitions: only a
 * notification not yet sent is given up on. Marking a poll's notifications sent is one statement
 * ({@link SentNotifications}), with the same guard.
 */
@Entity
class Notification {

    /** Longest error kept; SMTP replies are short, stack traces are not wanted here. */
    private static final int MAX_ERROR_LENGTH = 2000;

    @Id
    private UUID notificationId;

    private UUID orderId;

    private String customerId;

    private String recipient;

    @Enumerated(EnumType.STRING)
    private NotificationType type;

    @Enumerated(EnumType.STRING)
    private NotificationChannel channel;

    private String subject;

    private String textBody;

    private String htmlBody;

    @Enumerated(EnumType.STRING)
    private NotificationStatus status;

    private int attempts;

    private String lastError;

    private Instant createdAt;

    private Instant sentAt;

    /**
     * Optimistic locking for the changes Hibernate writes (a failed attempt, giving up); the statements that insert
     * ({@link NotificationClaims}) and mark sent ({@link SentNotifications}) set and bump it themselves. Null until
     * first stored.
     */
    @Version
    private Long version;

    protected Notification() {
    }

    private Notification(UUID orderId, String customerId, String recipient, NotificationType type,
            RenderedEmail content, Instant now) {
        this.notificationId = UUID.randomUUID();
        this.orderId = orderId;
        this.customerId = customerId;
        this.recipient = recipient;
        this.type = type;
        this.channel = NotificationChannel.EMAIL;
        this.subject = content.subject();
        this.textBody = content.textBody();
        this.htmlBody = content.htmlBody();
        this.status = NotificationStatus.PENDING;
        this.createdAt = now;
    }

    /** A notification as stored, read back by {@link NotificationClaims} (plain SQL, not Hibernate). */
    Notification(UUID notificationId, UUID orderId, String customerId, String recipient, NotificationType type,
            NotificationChannel channel, String subject, String textBody, String htmlBody, NotificationStatus status,
            int attempts, String lastError, Instant createdAt, Instant sentAt, long version) {
        this.notificationId = notificationId;
        this.orderId = orderId;
        this.customerId = customerId;
        this.recipient = recipient;
        this.type = type;
        this.channel = channel;
        this.subject = subject;
        this.textBody = textBody;
        this.htmlBody = htmlBody;
        this.status = status;
        this.attempts = attempts;
        this.lastError = lastError;
        this.createdAt = createdAt;
        this.sentAt = sentAt;
        this.version = version;
    }

    static Notification pending(OrderNotice notice, RenderedEmail content, Instant now) {
        return new Notification(notice.orderId(), notice.customerId(), notice.recipient(), notice.type(), content,
                now);
    }

    /** The email every attempt sends. */
    Email email() {
        return new Email(notificationId, recipient, subject, textBody, htmlBody);
    }

    boolean isSent() {
        return status == NotificationStatus.SENT;
    }

    /** An attempt failed; the status stays as it is until the retries are used up. */
    void attemptFailed(String error) {
        if (isSent()) {
            return;
        }
        attempts++;
        lastError = truncate(error);
    }

    /** No more attempts: retry budget used up or the address refused for good. */
    void failed() {
        if (!isSent()) {
            status = NotificationStatus.FAILED;
        }
    }

    private static String truncate(String error) {
        if (error == null) {
            return "unknown error";
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    UUID notificationId() {
        return notificationId;
    }

    UUID orderId() {
        return orderId;
    }

    String customerId() {
        return customerId;
    }

    String recipient() {
        return recipient;
    }

    NotificationType type() {
        return type;
    }

    NotificationChannel channel() {
        return channel;
    }

    String subject() {
        return subject;
    }

    String textBody() {
        return textBody;
    }

    String htmlBody() {
        return htmlBody;
    }

    NotificationStatus status() {
        return status;
    }

    int attempts() {
        return attempts;
    }

    String lastError() {
        return lastError;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant sentAt() {
        return sentAt;
    }
}
