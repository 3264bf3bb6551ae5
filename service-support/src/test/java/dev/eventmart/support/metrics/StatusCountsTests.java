package dev.eventmart.support.metrics;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table and column go into SQL text, so only plain identifiers pass; counting itself is tested per service. */
class StatusCountsTests {

    @ParameterizedTest
    @CsvSource({ "'notification; drop table notification', status", "notification, 'status) --'",
            "Notification, status" })
    void refusesATableOrColumnThatIsNotAPlainIdentifier(String table, String column) {
        assertThatThrownBy(() -> new StatusCounts(null, Clock.systemUTC(), new SimpleMeterRegistry(), "eventmart.x",
                "x", table, column, List.of("SENT"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a plain identifier");
    }
}
