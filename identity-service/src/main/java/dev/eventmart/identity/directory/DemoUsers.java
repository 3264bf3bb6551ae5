package dev.eventmart.identity.directory;

import dev.eventmart.identity.IdentityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The people who log in through the storefront's form. In memory for the reason {@link DemoClients} gives. A
 * customer's user name is their customer id, so it is the {@code sub} of their tokens as it is.
 */
@Configuration(proxyBeanMethods = false)
class DemoUsers {

    @Bean
    UserDetailsService users(IdentityProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(
                user("alice", "customer", properties, encoder),
                user("bob", "customer", properties, encoder),
                user("olivia", "ops", properties, encoder));
    }

    private static UserDetails user(String name, String role, IdentityProperties properties, PasswordEncoder encoder) {
        return User.withUsername(name).password(encoder.encode(properties.userPassword(name))).roles(role).build();
    }
}
