package dev.eventmart.order.live;

import dev.eventmart.order.ordering.OrderView;
import dev.eventmart.order.ordering.Orders;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Orders as {@code GET /api/orders/{id}} shows them, read for the watchers. */
@Component
class OrderViews {

    private final Orders orders;

    OrderViews(Orders orders) {
        this.orders = orders;
    }

    @Transactional(readOnly = true)
    Optional<OrderView> find(UUID orderId) {
        return orders.findById(orderId).map(OrderView::of);
    }

    /** One query for the orders, one each for their lines and history (the entity's batch fetching). */
    @Transactional(readOnly = true)
    List<OrderView> findAll(Collection<UUID> orderIds) {
        return orders.findAllById(orderIds).stream().map(OrderView::of).toList();
    }
}
