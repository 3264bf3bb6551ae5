package dev.eventmart.notification.notifying;

/** The content of a notification email as the templates rendered it. */
record RenderedEmail(String subject, String textBody, String htmlBody) {
}
