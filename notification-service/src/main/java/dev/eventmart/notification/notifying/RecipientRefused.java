package dev.eventmart.notification.notifying;

import dev.eventmart.support.messaging.PermanentFailure;
import java.util.UUID;

/**
 * The notification can never be delivered as it is (invalid address, {@code 5xx} from the mail server): not
 * retried ({@link PermanentFailure}); the notification is marked {@code FAILED} and its event dead-lettered at
 * once.
 */
class RecipientRefused extends NotificationNotSent implements PermanentFailure {

    RecipientRefused(UUID notificationId, String message, Throwable cause) {
        super(notificationId, message, cause);
    }
}
