package dev.eventmart.notification.notifying;

import dev.eventmart.support.security.CustomersAndStaff;
import org.springframework.stereotype.Component;

/**
 * Customers (the notifications sent to them, {@link NotificationController}) and staff, through a client granted
 * {@code notifications}.
 */
@Component
class NotificationApiAccess extends CustomersAndStaff {

    NotificationApiAccess() {
        super("notifications");
    }
}
