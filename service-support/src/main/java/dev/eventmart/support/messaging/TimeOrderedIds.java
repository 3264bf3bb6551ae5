package dev.eventmart.support.messaging;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version 7 UUIDs (RFC 9562): the Unix time in milliseconds, then 74 random bits, so ids sort by creation time and
 * two ids collide only if they share a millisecond and all 74 bits.
 *
 * <p>Hand-written because the JDK only makes version 4 ids ({@link UUID#randomUUID()}), which draw 122 bits from one
 * shared {@code SecureRandom} per id: measurable on the activity ingestion path, which makes one per event. The
 * bits here come from {@link ThreadLocalRandom}, uncontended and unpredictable enough for an event id, which is
 * unique but no secret (nothing is authorized by knowing one). Ten lines do not warrant a dependency.
 */
public final class TimeOrderedIds {

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC_9562 = 0x8000_0000_0000_0000L;

    private TimeOrderedIds() {
    }

    public static UUID next() {
        return next(System.currentTimeMillis());
    }

    static UUID next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (epochMillis << 16) | VERSION_7 | (random.nextInt() & 0x0FFFL);
        long leastSignificant = VARIANT_RFC_9562 | (random.nextLong() >>> 2);
        return new UUID(mostSignificant, leastSignificant);
    }
}
