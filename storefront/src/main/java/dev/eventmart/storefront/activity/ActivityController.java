package dev.eventmart.storefront.activity;

import dev.eventmart.storefront.activity.ActivityForwarder.Visitor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /bff/activity}: a batch of what the page saw the user do (page views, product views, searches, cart
 * additions, purchases), which the page collects and sends every few seconds. The storefront sets {@code userId} and
 * {@code sessionId} from the session, whatever the page put there, and forwards the batch to analytics-service, whose
 * answer (per-item results) the page gets back. Logins are not taken from the page: the storefront reports them
 * itself ({@link LoginActivity}).
 */
@RestController
class ActivityController {

    static final int MAX_BATCH = 100;

    private final ActivityForwarder forwarder;

    ActivityController(ActivityForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @PostMapping("/bff/activity")
    ResponseEntity<JsonNode> track(@Valid @RequestBody Batch batch, HttpServletRequest request,
            Authentication authentication) {
        Visitor visitor = Visitors.of(request, authentication);
        List<Map<String, Object>> items = batch.events().stream().map(event -> event.stampedFor(visitor)).toList();
        return forwarder.send(items, visitor);
    }

    record Batch(@NotEmpty @Size(max = MAX_BATCH) List<@NotNull @Valid Event> events) {
    }

    record Event(
            @NotBlank @Pattern(regexp = "pageview|productview|search|addtocart|purchase",
                    message = "must be pageview, productview, search, addtocart or purchase") String eventType,
            @NotNull @Size(max = 30) Map<String, JsonNode> data) {

        Map<String, Object> stampedFor(Visitor visitor) {
            Map<String, Object> stamped = new LinkedHashMap<>(data);
            stamped.put("userId", visitor.userId());
            stamped.put("sessionId", visitor.sessionId());
            return Map.of("eventType", eventType, "data", stamped);
        }
    }
}
