package dev.eventmart.notification.email;

/**
 * The channel did not accept an email. {@link #permanent()} failures (an invalid address, a {@code 5xx} answer
 * such as {@code 550 no such user}) fail the same way every time; the others (server down, timeout, {@code 4xx})
 * may succeed later.
 */
public class EmailNotSent extends RuntimeException {

    private final boolean permanent;

    EmailNotSent(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
