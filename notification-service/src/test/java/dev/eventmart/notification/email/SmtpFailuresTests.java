package dev.eventmart.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

class SmtpFailuresTests {

    @Test
    void aRecipientRefusedWith5xxIsPermanent() throws Exception {
        SendFailedException refused = refusedRecipient(550, "550 5.1.1 <nobody@example.com>: user unknown");

        MailSendException failure = sendFailed(refused);

        assertThat(SmtpFailures.isPermanent(failure)).isTrue();
        assertThat(SmtpFailures.describe(failure)).isEqualTo("550 5.1.1 <nobody@example.com>: user unknown");
    }

    @Test
    void aRecipientRefusedWith4xxIsTransient() throws Exception {
        assertThat(SmtpFailures.isPermanent(sendFailed(refusedRecipient(451, "451 4.7.1 greylisted, try later"))))
                .isFalse();
    }

    @Test
    void aMessageRefusedWith5xxIsPermanent() {
        SMTPSendFailedException rejected = new SMTPSendFailedException("DATA", 554, "554 5.7.1 rejected as spam",
                null, null, null, null);

        assertThat(SmtpFailures.isPermanent(sendFailed(rejected))).isTrue();
    }

    @Test
    void anUnreachableServerIsTransient() {
        MessagingException connect = new MessagingException("Couldn't connect to host, port: localhost, 2525",
                new ConnectException("Connection refused"));
        MailSendException failure = new MailSendException("Mail server connection failed", connect);

        assertThat(SmtpFailures.isPermanent(failure)).isFalse();
        assertThat(SmtpFailures.describe(failure)).contains("Connection refused");
    }

    @Test
    void failedAuthenticationIsTransientSoItIsRetriedWhileSomeoneFixesIt() {
        assertThat(SmtpFailures.isPermanent(new MailAuthenticationException("535 authentication failed")))
                .isFalse();
    }

    @Test
    void anInvalidAddressIsPermanent() {
        assertThat(SmtpFailures.isPermanent(new MailSendException("bad", new AddressException("Missing domain"))))
                .isTrue();
    }

    private static SendFailedException refusedRecipient(int code, String reply) throws Exception {
        InternetAddress address = new InternetAddress("nobody@example.com");
        SMTPAddressFailedException rcpt = new SMTPAddressFailedException(address, "RCPT TO", code, reply);
        return new SendFailedException("Invalid Addresses", rcpt, new InternetAddress[0],
                new InternetAddress[0], new InternetAddress[] { address });
    }

    private static MailSendException sendFailed(Exception cause) {
        return new MailSendException(Map.of(new Object(), cause));
    }
}
