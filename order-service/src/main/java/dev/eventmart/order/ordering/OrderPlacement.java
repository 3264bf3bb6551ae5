package dev.eventmart.order.ordering;

import dev.eventmart.order.catalog.CatalogProduct;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.support.outbox.Outbox;
import dev.eventmart.support.web.ValidationProblems.FieldProblem;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places an order: prices every line from the catalog replica, stores it {@code PENDING} and stores
 * {@code OrderPlaced} in the outbox, in one transaction. With an idempotency key, a retried request returns the
 * order the first one placed; keys are the customer's own, and another request under a used key is refused.
 */
@Service
class OrderPlacement {

    // Computed once: Currency.getAvailableCurrencies() builds a new set of every currency on each call.
    private static final Set<String> CURRENCY_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final Orders orders;
    private final OrderRows orderRows;
    private final CatalogReplica catalog;
    private final Outbox outbox;
    private final Clock clock;

    OrderPlacement(Orders orders, OrderRows orderRows, CatalogReplica catalog, Outbox outbox, Clock clock) {
        this.orders = orders;
        this.orderRows = orderRows;
        this.catalog = catalog;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Places the order, a request already {@link PlaceOrderRequest#forCustomer for its customer}; with a key the
     * customer used before, answers with that earlier order instead (or refuses, {@link IdempotencyKeyReused}, if it
     * came from another request). Retries racing each other under one key are safe: the database's unique key lets
     * one insert win, and the others wait for it and answer with its order.
     */
    @Transactional
    Order place(PlaceOrderRequest request, IdempotencyKey idempotencyKey) {
        Order order = Order.place(request.customerId(), request.customerEmail(), request.currency(),
                request.paymentToken(), request.shippingAddress().toValue(), price(request), idempotencyKey,
                clock.instant());
        if (!orderRows.insert(order)) {
            return earlierOrder(request.customerId(), idempotencyKey);
        }
        outbox.add(order.placed());
        return order;
    }

    /** The order this customer placed under this key, which must have come from the same request. */
    private Order earlierOrder(String customerId, IdempotencyKey idempotencyKey) {
        if (idempotencyKey == null) {
            throw new IllegalStateException("An order without an idempotency key conflicted with a stored one");
        }
        Order earlier = orders.findByCustomerIdAndIdempotencyKey(customerId, idempotencyKey.key())
                .orElseThrow(() -> new IllegalStateException("The order under idempotency key " + idempotencyKey.key()
                        + " conflicted but cannot be read"));
        if (!idempotencyKey.matches(earlier)) {
            throw new IdempotencyKeyReused(idempotencyKey.key());
        }
        return earlier;
    }

    private List<OrderItem> price(PlaceOrderRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!isKnownCurrency(request.currency())) {
            problems.add(new FieldProblem("currency", "unknown currency " + request.currency()));
        }
        List<OrderItem> items = new ArrayList<>();
        for (int i = 0; i < request.items().size(); i++) {
            PlaceOrderRequest.Item item = request.items().get(i);
            String field = "items[" + i + "].productId";
            Optional<CatalogProduct> product = catalog.find(item.productId()).filter(CatalogProduct::active);
            if (product.isEmpty()) {
                problems.add(new FieldProblem(field, "unknown product " + item.productId()));
            }
            else if (!product.get().price().currency().equals(request.currency())) {
                problems.add(new FieldProblem("currency", product.get().productId() + " is priced in "
                        + product.get().price().currency() + ", not " + request.currency()));
            }
            else {
                BigDecimal unitPrice = product.get().price().amount();
                items.add(new OrderItem(item.productId(), product.get().sku(), product.get().name(),
                        item.quantity(), unitPrice, unitPrice.multiply(BigDecimal.valueOf(item.quantity()))));
            }
        }
        if (!problems.isEmpty()) {
            throw new OrderRejected(problems.stream().distinct().toList());
        }
        return items;
    }

    private static boolean isKnownCurrency(String code) {
        return CURRENCY_CODES.contains(code);
    }
}
