package dev.eventmart.notification.email;

import java.util.Objects;
import java.util.UUID;

/**
 * One email to send: a text and an HTML alternative of the same content.
 *
 * @param id identifies the email across attempts; its {@code Message-ID} is derived from it, so every attempt at
 *           the same email carries the same {@code Message-ID}
 */
public record Email(UUID id, String to, String subject, String textBody, String htmlBody) {

    public Email {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(textBody, "textBody");
        Objects.requireNonNull(htmlBody, "htmlBody");
    }
}
