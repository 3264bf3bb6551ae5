package dev.eventmart.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTests {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final List<String> verifications = new ArrayList<>();

    private final MovableClock clock = new MovableClock(NOW);

    /** Stands in for the signature check: accepts every token but "forged", valid for five minutes from NOW. */
    private final JwtDecoder issuerChecks = token -> {
        verifications.add(token);
        if (token.equals("forged")) {
            throw new BadJwtException("signature does not match");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice").issuedAt(NOW)
                .expiresAt(NOW.plus(Duration.ofMinutes(5))).build();
    };

    private final VerifiedTokens tokens = new VerifiedTokens(issuerChecks, clock);

    @Test
    void checksATokenOnceWhileItIsValid() {
        Jwt first = tokens.decode("token-a");
        clock.advance(Duration.ofMinutes(4));
        Jwt again = tokens.decode("token-a");

        assertThat(again).isSameAs(first);
        assertThat(verifications).containsExactly("token-a");
    }

    @Test
    void checksAgainOnceTheTokenHasExpired() {
        tokens.decode("token-a");
        clock.advance(Duration.ofMinutes(5));
        tokens.decode("token-a");

        assertThat(verifications).containsExactly("token-a", "token-a");
    }

    @Test
    void neverRemembersARefusedToken() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).containsExactly("forged", "forged");
    }

    @Test
    void checksEachTokenOnItsOwn() {
        tokens.decode("token-a");
        tokens.decode("token-b");
        tokens.decode("token-a");

        assertThat(verifications).containsExactly("token-a", "token-b");
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
