package dev.eventmart.notification.notification;

import dev.eventmart.events.Topics;
import dev.eventmart.events.UnreadableEvent;
import dev.eventmart.support.messaging.MessagingAutoConfiguration;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * The listener error handler of this service, replacing the shared one (service-support steps aside for any
 * {@code CommonErrorHandler} bean) for two reasons:
 * <ul>
 * <li>a longer retry budget ({@link NotificationRetryProperties}): the shared one gives up after about 3 s, far
 * less than a mail server takes to come back;</li>
 * <li>before an event goes to its dead-letter topic, its notification is marked {@code FAILED}, so the audit trail
 * and the dead-letter topic agree.</li>
 * </ul>
 * The rest is as shared: unreadable events and refused recipients are not retried; dead-letter records go to
 * {@code <topic>.dlt} byte for byte with the failure in headers. Retries block the event's partition only: orders on
 * the other partitions, and the other topics' listeners, keep flowing meanwhile.
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
            NotificationRetryProperties retry, CustomerNotifications notifications) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        // The partition is left to the key, as in the shared handler.
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            notificationOf(exception).ifPresent(failure -> notifications.giveUp(failure.notificationId()));
            // The listeners are batch listeners: the dead-letter headers should name the failure, not the wrapper.
            deadLetters.accept(record, MessagingAutoConfiguration.withoutBatchWrapper(exception));
        };
        DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer, backOff);
        errorHandler.addNotRetryableExceptions(UnreadableEvent.class, RecipientRefused.class);
        return errorHandler;
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
