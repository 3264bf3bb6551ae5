package dev.eventmart.notification.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Tells a failure that will repeat from one that may pass. SMTP says it in its reply codes: {@code 5xx} is
 * permanent (RFC 5321 4.2.1: "the same command ... should not be repeated"), {@code 4xx} transient. A failure with
 * no reply at all (connection refused, timeout, TLS) is the server or the network being away: transient. Angus
 * Mail reports the codes in {@link SMTPAddressFailedException} (a {@code RCPT TO} refused) and
 * {@link SMTPSendFailedException} ({@code MAIL FROM} or {@code DATA} refused), found among the failed messages of
 * Spring's {@link MailSendException}, the causes and the {@code nextException} chain of a
 * {@link MessagingException}.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static boolean isPermanent(Throwable failure) {
        if (failure instanceof MailParseException || failure instanceof MailPreparationException) {
            return true;
        }
        for (Throwable cause : causes(failure)) {
            if (cause instanceof AddressException) {
                return true;
            }
            if (cause instanceof SMTPAddressFailedException refused && refused.getReturnCode() >= 500) {
                return true;
            }
            if (cause instanceof SMTPSendFailedException refused && refused.getReturnCode() >= 500) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message worth showing (the server's reply if there is one). */
    static String describe(Throwable failure) {
        String description = failure.getMessage();
        for (Throwable cause : causes(failure)) {
            if (cause instanceof SMTPAddressFailedException || cause instanceof SMTPSendFailedException) {
                return cause.getMessage().strip();
            }
            if (cause != failure && cause.getMessage() != null && !(cause instanceof SendFailedException)) {
                description = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return description == null ? failure.getClass().getSimpleName() : description.strip();
    }

    /**
     * The failure and everything it wraps, each once, outermost first (so {@link #describe} ends on the innermost
     * cause: an identity set alone iterates in no fixed order, and the description changed from run to run).
     */
    private static List<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> ordered = new ArrayList<>();
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            ordered.add(next);
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            if (next instanceof MessagingException messaging && messaging.getNextException() != null) {
                pending.add(messaging.getNextException());
            }
            if (next instanceof MailSendException send) {
                pending.addAll(send.getFailedMessages().values());
                for (Exception exception : send.getMessageExceptions()) {
                    pending.add(exception);
                }
            }
        }
        return ordered;
    }
}
