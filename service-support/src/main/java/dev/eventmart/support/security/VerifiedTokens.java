package dev.eventmart.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that remembers the tokens it has verified until they expire, so a client that sends the same
 * access token with every request (as clients do, for the token's lifetime) has its signature checked once, not on
 * every request.
 *
 * <p>Written here because Spring Security caches the issuer's keys but not verified tokens. Why bother: in a JFR
 * profile of order-service at 20 orders/s, the RS256 signature check of the bearer token was an eighth of the request
 * threads' CPU (RSA's big-integer arithmetic, which the C1-only JIT of the local run and the benchmarks does not
 * compile to the CPU's multiply instructions), as much as the order's placement transaction.
 *
 * <p>What stays as strict as before: a token is remembered only after the wrapped decoder accepted it (signature,
 * issuer, audience, times), and only until its {@code exp} (at most {@link #MAX_TTL}), so an expired token is
 * decoded, and refused, again. The key is the whole token, so only the very same token hits. Refused tokens are not
 * remembered. What changes: a token signed with a key the issuer has since withdrawn is still accepted until it
 * expires or leaves the cache; that is the same promise a stateless JWT makes anyway.
 */
public final class VerifiedTokens implements JwtDecoder {

    /** Longest a verified token is remembered, whatever its expiry says. */
    static final Duration MAX_TTL = Duration.ofMinutes(10);

    /** Enough for every client and user of a busy instance; a token is about a kilobyte. */
    static final long MAX_TOKENS = 10_000;

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    /**
     * Judges expiry by the system's UTC clock, as Spring Security's own timestamp check does, not by the
     * application's {@code Clock} (which a test may fix at a time that has nothing to do with its tokens).
     */
    public VerifiedTokens(JwtDecoder decoder) {
        this(decoder, Clock.systemUTC());
    }

    VerifiedTokens(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> remainingLife(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt != null && jwt.getExpiresAt() != null && clock.instant().isBefore(jwt.getExpiresAt())) {
            return jwt;
        }
        Jwt decoded = decoder.decode(token);
        if (decoded.getExpiresAt() != null) {
            verified.put(token, decoded);
        }
        return decoded;
    }

    private Duration remainingLife(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left.compareTo(MAX_TTL) > 0 ? MAX_TTL : left;
    }
}
