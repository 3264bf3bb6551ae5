package dev.eventmart.notification.notifying;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GreenMail that refuses chosen recipients at {@code RCPT TO} with the reply a real server gives: {@code 550} for a
 * mailbox that does not exist, {@code 451} for a greylisting that never ends. GreenMail itself accepts every
 * recipient; {@link SmtpManager#checkRecipient} is where it asks, and a reply returned there is sent as it is.
 */
final class RefusingGreenMail extends GreenMail {

    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    RefusingGreenMail(ServerSetup setup) {
        super(setup);
    }

    /** Answers {@code RCPT TO:<recipient>} with {@code reply} (code and text) from now on. */
    void refuse(String recipient, String reply) {
        refusals.put(recipient.toLowerCase(Locale.ROOT), reply);
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        SmtpManager refusing = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {

            @Override
            public String checkRecipient(SmtpState state, MailAddress recipient) {
                String refusal = refusals.get(recipient.getEmail().toLowerCase(Locale.ROOT));
                return refusal != null ? refusal : super.checkRecipient(state, recipient);
            }
        };
        // The servers share GreenMail's stores (so received messages are where the tests read them) and only the
        // SMTP manager is replaced.
        return super.createServices(config, new Managers() {

            @Override
            public SmtpManager getSmtpManager() {
                return refusing;
            }

            @Override
            public UserManager getUserManager() {
                return managers.getUserManager();
            }

            @Override
            public ImapHostManager getImapHostManager() {
                return managers.getImapHostManager();
            }
        });
    }
}
