package dev.eventmart.storefront.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderEventsRelayTests {

    @Test
    void flushesAtTheEndOfEveryEvent() throws Exception {
        String stream = """
                event:status
                data:{"status":"PENDING"}

                event:status
                data:{"status":"RESERVED"}

                """;
        List<String> flushed = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushed.add(toString(StandardCharsets.UTF_8));
            }
        };

        OrderEventsRelay.copyEvents(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), out);

        assertThat(flushed.getFirst()).isEqualTo("event:status\ndata:{\"status\":\"PENDING\"}\n\n");
        assertThat(flushed.get(1)).endsWith("data:{\"status\":\"RESERVED\"}\n\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(stream);
    }
}
