/**
 * Email delivery: over SMTP through Spring Mail when a mail server is configured ({@code MAIL_HOST}), otherwise
 * to the log; and which SMTP failures are worth retrying.
 */
package dev.eventmart.notification.email;
