package dev.eventmart.order.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the REST API shows it, with its journey. */
public record OrderView(UUID orderId, String customerId, OrderStatus status, OrderReason reason, List<Line> items,
        BigDecimal total, String currency, Instant createdAt, Instant updatedAt, List<Step> statusHistory) {

    public record Line(String productId, String sku, String name, int quantity, BigDecimal unitPrice,
            BigDecimal lineTotal) {
    }

    public record Step(OrderStatus status, OrderReason reason, Instant at) {
    }

    public static OrderView of(Order order) {
        return new OrderView(order.id(), order.customerId(), order.status(), order.reason(),
                order.items().stream().map(item -> new Line(item.productId(), item.sku(), item.name(),
                        item.quantity(), item.unitPrice(), item.lineTotal())).toList(),
                order.total(), order.currency(), order.createdAt(), order.updatedAt(),
                order.history().stream().map(step -> new Step(step.status(), step.reason(), step.at())).toList());
    }
}
