package dev.eventmart.notification.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes emails to the log instead of sending them, for running without a mail server. An email written here counts
 * as sent: the notification is marked {@code SENT} and {@code EmailSent} is published, as with SMTP.
 */
class LogEmailChannel implements EmailChannel {

    private static final Logger log = LoggerFactory.getLogger(LogEmailChannel.class);

    private final EmailProperties properties;

    LogEmailChannel(EmailProperties properties) {
        this.properties = properties;
    }

    /**
     * One line per email at INFO; the whole email at DEBUG. Under load the full text was most of what the service
     * wrote (165,000 lines in five minutes), and the notifications API serves every body anyway.
     */
    @Override
    public void send(Email email) {
        if (log.isDebugEnabled()) {
            log.debug("""
                    Email {} (log channel, no mail host configured)
                    From: {} <{}>
                    To: {}
                    Subject: {}

                    {}""", email.id(), properties.fromName(), properties.from(), email.to(), email.subject(),
                    email.textBody());
        }
        else {
            log.info("Email {} to {} (log channel, no mail host configured): {}", email.id(), email.to(),
                    email.subject());
        }
    }
}
