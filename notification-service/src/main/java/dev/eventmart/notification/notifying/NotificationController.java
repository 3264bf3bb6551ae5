package dev.eventmart.notification.notifying;

import dev.eventmart.support.security.Caller;
import dev.eventmart.support.web.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail over REST. A malformed id or type is answered {@code 400} by Spring MVC's standard problem
 * details, an out-of-range page or size {@code 400} naming the parameter, an unknown id {@code 404}. A customer
 * sees only the notifications sent to them (another's is {@code 404}, as if it did not exist); staff everyone's
 * ({@link NotificationApiAccess}).
 */
@Tag(name = "Notifications", description = "The audit trail of the emails sent to customers")
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    /** Newest first; every filter given must match. */
    @Operation(summary = "A page of notifications, newest first",
            description = "Every filter given must match. Each notification says its status, attempts and last error. "
                    + "A customer sees only their own (`customerId` left out, or their own); staff everyone's.")
    @ApiResponse(responseCode = "200", description = "The page")
    @ApiResponse(responseCode = "403", description = "A customer asking for another customer's notifications")
    @GetMapping
    @Transactional(readOnly = true)
    NotificationPage list(@RequestParam(required = false) UUID orderId,
            @Parameter(example = "ada") @RequestParam(required = false) @Size(max = 100) @PlainText
            String customerId,
            @RequestParam(required = false) NotificationType type,
            @Parameter(description = "Zero-based") @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Caller caller) {
        customerId = caller.ownerFilter(customerId);
        PageRequest request = PageRequest.of(page, size,
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("notificationId")));
        Page<Notification> found = notifications.search(orderId, customerId, type, request);
        return new NotificationPage(found.map(NotificationSummary::of).getContent(), page, size,
                found.getTotalElements(), found.getTotalPages());
    }

    @Operation(summary = "One notification with its text and HTML bodies")
    @ApiResponse(responseCode = "200", description = "The notification")
    @ApiResponse(responseCode = "404", description = "No notification has this id, or it is another customer's")
    @GetMapping("/{notificationId}")
    @Transactional(readOnly = true)
    NotificationDetails one(@PathVariable UUID notificationId, Caller caller) {
        return notifications.findById(notificationId)
                .filter(notification -> caller.mayAccess(notification.customerId())).map(NotificationDetails::of)
                .orElseThrow(() -> new NotificationNotFound(notificationId));
    }

    record NotificationPage(List<NotificationSummary> content, int page, int size, long totalElements,
            int totalPages) {
    }
}
