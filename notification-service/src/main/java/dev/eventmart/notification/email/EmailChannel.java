package dev.eventmart.notification.email;

/** Where emails go: an SMTP server, or the log when none is configured. */
public interface EmailChannel {

    /**
     * Sends the email; returns once the channel has accepted it (for SMTP: the server answered {@code 250} to the
     * message).
     *
     * @throws EmailNotSent if it was not accepted, saying whether trying again may help
     */
    void send(Email email);
}
