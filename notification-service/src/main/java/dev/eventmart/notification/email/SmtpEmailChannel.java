package dev.eventmart.notification.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends emails over SMTP as {@code multipart/alternative} (text and HTML) through Spring Mail. Each email carries
 * a {@code Message-ID} derived from its id, the same on every attempt, so that in the rare case it is delivered
 * twice (see {@code CustomerNotifications}) mail clients and servers that deduplicate by {@code Message-ID} show
 * it once. Spring's {@code JavaMailSenderImpl} keeps a {@code Message-ID} that was set explicitly.
 */
class SmtpEmailChannel implements EmailChannel {

    private final JavaMailSender sender;
    private final EmailProperties properties;

    SmtpEmailChannel(JavaMailSender sender, EmailProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public void send(Email email) {
        MimeMessage message;
        try {
            message = toMimeMessage(email);
        }
        catch (AddressException ex) {
            throw new EmailNotSent("invalid recipient address '" + email.to() + "': " + ex.getMessage(), true, ex);
        }
        catch (MessagingException | UnsupportedEncodingException ex) {
            throw new EmailNotSent("could not build the message: " + ex.getMessage(), true, ex);
        }
        try {
            sender.send(message);
        }
        catch (MailException ex) {
            throw new EmailNotSent(SmtpFailures.describe(ex), SmtpFailures.isPermanent(ex), ex);
        }
    }

    private MimeMessage toMimeMessage(Email email) throws MessagingException, UnsupportedEncodingException {
        // Strict parsing: an address without a domain or with illegal characters is refused here, for good,
        // rather than sent to a server that might relay it anywhere.
        InternetAddress to = new InternetAddress(email.to(), true);
        to.validate();
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from(), properties.fromName());
        helper.setTo(to);
        helper.setSubject(email.subject());
        helper.setText(email.textBody(), email.htmlBody());
        message.setHeader("Message-ID", messageId(email));
        return message;
    }

    String messageId(Email email) {
        return "<" + email.id() + "@" + properties.domain() + ">";
    }
}
