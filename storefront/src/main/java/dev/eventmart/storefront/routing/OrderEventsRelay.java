package dev.eventmart.storefront.routing;

import dev.eventmart.storefront.StorefrontProperties;
import jakarta.validation.constraints.Pattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/orders/{orderId}/events}: order-service's Server-Sent Events for one order, relayed to the page
 * event by event. The gateway's proxy copies a body to the browser in one go (spring-cloud-gateway issue 3410), which
 * would hold every step back until the stream ends; this relay writes each line as it arrives and flushes at the end
 * of every event. Upstream answers other than 200 (401, 404 for someone else's order, 204 for a reconnect to a final order) reach
 * the page as they are; a reconnect's {@code Last-Event-ID} goes along.
 */
@RestController
class OrderEventsRelay {

    private static final Logger log = LoggerFactory.getLogger(OrderEventsRelay.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI orderService;

    OrderEventsRelay(StorefrontProperties properties) {
        this.orderService = properties.services().order();
    }

    @GetMapping(path = "/api/orders/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<StreamingResponseBody> events(@PathVariable @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be an order id")
            String orderId, @RequestHeader(name = "Last-Event-ID", required = false)
            @Pattern(regexp = "[0-9]{1,9}", message = "must be an event id") String lastEventId,
            @RegisteredOAuth2AuthorizedClient("eventmart") OAuth2AuthorizedClient client)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(orderService.resolve("/api/orders/" + orderId + "/events"))
                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                .header("Authorization", "Bearer " + client.getAccessToken().getTokenValue());
        if (lastEventId != null) {
            // A browser reconnecting resumes where it was: order-service sends only the steps after it.
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> upstream;
        try {
            upstream = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        }
        catch (IOException ex) {
            log.warn("order-service did not answer the event stream of order {}: {}", orderId, ex.toString());
            byte[] problem = """
                    {"type":"about:blank","title":"Bad Gateway","status":502,"detail":"order-service did not answer"}\
                    """.getBytes(StandardCharsets.UTF_8);
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(out -> out.write(problem));
        }
        if (upstream.statusCode() == 204) {
            // A reconnect to an order already final: nothing more will come, and EventSource stops on a 204.
            upstream.body().close();
            return ResponseEntity.noContent().build();
        }
        if (upstream.statusCode() != 200) {
            byte[] answer;
            try (InputStream body = upstream.body()) {
                answer = body.readAllBytes();
            }
            return ResponseEntity.status(upstream.statusCode())
                    .contentType(MediaType.parseMediaType(upstream.headers().firstValue("Content-Type")
                            .orElse(MediaType.APPLICATION_PROBLEM_JSON_VALUE)))
                    .body(out -> out.write(answer));
        }
        StreamingResponseBody relay = out -> copyEvents(upstream.body(), out);
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").body(relay);
    }

    /** Copies line by line, flushing after each blank line: the end of an event. */
    static void copyEvents(InputStream upstream, OutputStream out) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(upstream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                if (line.isEmpty()) {
                    out.flush();
                }
            }
            out.flush();
        }
    }
}
