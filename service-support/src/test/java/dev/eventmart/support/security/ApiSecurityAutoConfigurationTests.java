package dev.eventmart.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class ApiSecurityAutoConfigurationTests {

    @Test
    void makesAuthoritiesOfTheScopesAndTheRolesAndTheSubjectTheCaller() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice")
                .claim("scope", "orders payments").claim("roles", List.of("customer"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();

        AbstractAuthenticationToken authentication = ApiSecurityAutoConfiguration.jwtAuthenticationConverter()
                .convert(jwt);

        // Spring Security 7 adds the factor the caller authenticated with (FACTOR_BEARER) on its own.
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains("SCOPE_orders", "SCOPE_payments", "ROLE_customer")
                .noneMatch(authority -> authority.startsWith("ROLE_") && !authority.equals("ROLE_customer"));
        Caller caller = Caller.of(authentication);
        assertThat(caller).isEqualTo(new Caller("alice", false));
    }

    @Test
    void confinesACustomerToThemselvesAndLetsStaffSeeAnyone() {
        Caller alice = new Caller("alice", false);
        Caller olivia = new Caller("olivia", true);

        assertThat(alice.mayAccess("alice")).isTrue();
        assertThat(alice.mayAccess("bob")).isFalse();
        assertThat(alice.mayAccess(null)).isFalse();
        assertThat(olivia.mayAccess("bob")).isTrue();

        assertThat(alice.ownerFilter(null)).isEqualTo("alice");
        assertThat(alice.ownerFilter("alice")).isEqualTo("alice");
        assertThatThrownBy(() -> alice.ownerFilter("bob")).isInstanceOf(NotYours.class);
        assertThat(olivia.ownerFilter(null)).isNull();
        assertThat(olivia.ownerFilter("bob")).isEqualTo("bob");
    }
}
