package dev.eventmart.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTests {

    private static final long T0 = 1_796_688_000_000L;

    @Test
    void isAVersion7IdCarryingItsMillisecond() {
        UUID id = TimeOrderedIds.next(T0);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(T0);
    }

    @Test
    void sortsByTheMillisecondItWasMadeIn() {
        UUID earlier = TimeOrderedIds.next(T0);
        UUID later = TimeOrderedIds.next(T0 + 1);

        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void differsWithinOneMillisecond() {
        Set<UUID> ids = new HashSet<>();
        IntStream.range(0, 100_000).forEach(i -> ids.add(TimeOrderedIds.next(T0)));

        assertThat(ids).hasSize(100_000);
    }
}
