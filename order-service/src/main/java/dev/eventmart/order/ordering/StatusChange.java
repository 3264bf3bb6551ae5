package dev.eventmart.order.ordering;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;

/** One step of an order's journey, with when it happened. */
@Embeddable
record StatusChange(@Enumerated(EnumType.STRING) OrderStatus status, @Enumerated(EnumType.STRING) OrderReason reason,
        @Column(name = "changed_at") Instant at) {
}
