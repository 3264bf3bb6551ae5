package dev.eventmart.notification.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Picks the channel: SMTP when Spring Boot has configured a mail sender (a mail host is set, see
 * {@link MailHostEnvironmentPostProcessor}), the log otherwise, so the service runs locally without a mail server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmailProperties.class)
class EmailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmailConfiguration.class);

    @Bean
    EmailChannel emailChannel(ObjectProvider<JavaMailSender> mailSender, EmailProperties properties) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("No mail host configured (MAIL_HOST): emails are written to the log");
            return new LogEmailChannel(properties);
        }
        return new SmtpEmailChannel(sender, properties);
    }
}
