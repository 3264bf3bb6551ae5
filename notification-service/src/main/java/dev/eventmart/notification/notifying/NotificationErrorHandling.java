package dev.eventmart.notification.notifying;

import dev.eventmart.support.messaging.ListenerErrorHandlers;
import dev.eventmart.support.messaging.MessagingProperties;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The listener error handler of this service, replacing the shared one (service-support steps aside for any
 * {@code CommonErrorHandler} bean) but built by the same {@link ListenerErrorHandlers}, for two reasons:
 * <ul>
 * <li>a longer retry budget for a mail server that is away ({@link NotificationRetryProperties}): the shared one
 * gives up on a failure of unknown kind after about 3 s, far less than a mail server takes to come back;</li>
 * <li>before an event goes to its dead-letter topic, its notification is marked {@code FAILED}, so the audit trail
 * and the dead-letter topic agree.</li>
 * </ul>
 * The rest is as shared: the database or broker away is retried for as long as it takes; unreadable events and
 * refused recipients ({@link RecipientRefused}) are not retried; dead-letter records go to {@code <topic>.dlt} byte
 * for byte with the failure in headers. Retries hold up the event's partition only: orders on the other
 * partitions, and the other topics' listeners, keep flowing meanwhile.
 *
 * <p>Order matters when giving up: {@code FAILED} is committed first, then the event is dead-lettered. Should the
 * dead-letter send fail, the error handler delivers the event again, the notification (not {@code SENT}) is tried
 * again, and the error handler recovers once more; the event is never committed without either an email or a
 * dead-letter record.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationRetryProperties.class)
class NotificationErrorHandling {

    @Bean
    DefaultErrorHandler notificationErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate,
            NotificationRetryProperties retry, MessagingProperties messaging, CustomerNotifications notifications) {
        MessagingProperties.Retry mailRetry = new MessagingProperties.Retry(retry.maxRetries(),
                retry.initialInterval(), retry.multiplier(), retry.maxInterval(),
                messaging.retry().transientMaxInterval());
        return ListenerErrorHandlers.deadLettering(kafkaTemplate, mailRetry, (record, failure) ->
                notificationOf(failure).ifPresent(notSent -> notifications.giveUp(notSent.notificationId())));
    }

    private static Optional<NotificationNotSent> notificationOf(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotificationNotSent notSent) {
                return Optional.of(notSent);
            }
        }
        return Optional.empty();
    }
}
