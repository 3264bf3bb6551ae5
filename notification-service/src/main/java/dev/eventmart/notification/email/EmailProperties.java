package dev.eventmart.notification.email;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who customer emails come from. The server itself is Spring Boot's {@code spring.mail.*} ({@code MAIL_HOST},
 * {@code MAIL_PORT}, {@code MAIL_USERNAME}, {@code MAIL_PASSWORD}).
 *
 * @param from     the sender address ({@code MAIL_FROM}); its domain also names the {@code Message-ID}s
 * @param fromName the sender's display name ({@code MAIL_FROM_NAME})
 */
@Validated
@ConfigurationProperties("eventmart.notification.email")
public record EmailProperties(@NotBlank @DefaultValue("orders@eventmart.local") String from,
        @DefaultValue("EventMart") String fromName) {

    /** The domain of {@link #from()}, or {@code eventmart.local} if it has none. */
    String domain() {
        int at = from.lastIndexOf('@');
        return at < 0 || at == from.length() - 1 ? "eventmart.local" : from.substring(at + 1);
    }
}
