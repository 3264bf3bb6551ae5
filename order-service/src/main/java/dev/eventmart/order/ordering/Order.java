package dev.eventmart.order.ordering;

import dev.eventmart.events.Money;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.events.order.PaymentRequested;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

/**
 * An order and its journey through the saga. It guards its own state: every transition checks where the order
 * is, records a status change with its time, and hands back the event it causes, to be stored in the outbox with
 * the order. A transition that does not apply (a late or repeated reply, a cancel once finished) hands back
 * nothing and changes nothing.
 */
@Entity
@Table(name = "customer_order")
public class Order {

    @Id
    @Column(name = "order_id")
    private UUID id;

    private String customerId;

    private String customerEmail;

    private String currency;

    private BigDecimal total;

    private String paymentToken;

    @Embedded
    private ShippingAddressValue shippingAddress;

    @Enumerated(EnumType.STRING)
    private OrderStatus status;

    @Enumerated(EnumType.STRING)
    private OrderReason reason;

    private String idempotencyKey;

    private String requestFingerprint;

    private Instant createdAt;

    private Instant updatedAt;

    /**
     * Hibernate's optimistic check for the changes it writes (a customer's cancel, the expiry job); {@link OrderRows}
     * bumps it too. Null until the order is first read back: placement stores it with plain SQL.
     */
    @Version
    private Long version;

    // Batch fetching: a page of orders (the customer's list, the operations API) loads its lines and history in one
    // query each instead of two per order. Saga steps load neither through Hibernate (OrderRows).
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100)
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderItem> items = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100)
    @CollectionTable(name = "order_status_change", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "seq")
    private List<StatusChange> history = new ArrayList<>();

    protected Order() {
    }

    /**
     * An order as stored, read back for a saga step by {@link OrderRows} (plain SQL, not Hibernate). Its idempotency
     * key and request fingerprint stay in the row: only placement reads them, through {@link Orders}.
     */
    Order(UUID id, String customerId, String customerEmail, String currency, BigDecimal total, String paymentToken,
            ShippingAddressValue shippingAddress, OrderStatus status, OrderReason reason, Instant createdAt,
            Instant updatedAt, long version, List<OrderItem> items, List<StatusChange> history) {
        this.id = id;
        this.customerId = customerId;
        this.customerEmail = customerEmail;
        this.currency = currency;
        this.total = total;
        this.paymentToken = paymentToken;
        this.shippingAddress = shippingAddress;
        this.status = status;
        this.reason = reason;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
        this.items = new ArrayList<>(items);
        this.history = new ArrayList<>(history);
    }

    static Order place(String customerId, String customerEmail, String currency, String paymentToken,
            ShippingAddressValue shippingAddress, List<OrderItem> items, IdempotencyKey idempotencyKey, Instant now) {
        Order order = new Order();
        order.id = UUID.randomUUID();
        order.customerId = customerId;
        order.customerEmail = customerEmail;
        order.currency = currency;
        order.paymentToken = paymentToken;
        order.shippingAddress = shippingAddress;
        order.items = new ArrayList<>(items);
        order.total = items.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (idempotencyKey != null) {
            order.idempotencyKey = idempotencyKey.key();
            order.requestFingerprint = idempotencyKey.fingerprint();
        }
        order.createdAt = now;
        order.moveTo(OrderStatus.PENDING, null, now);
        return order;
    }

    /** Inventory reserved every line: ask for payment. Only a {@code PENDING} order can be reserved. */
    public Optional<PaymentRequested> markReserved(Instant now) {
        if (status != OrderStatus.PENDING) {
            return Optional.empty();
        }
        moveTo(OrderStatus.RESERVED, null, now);
        return Optional.of(new PaymentRequested(id, customerId, totalMoney(), paymentToken, now));
    }

    /** Payment {@code paymentId} authorized: the order is final. Only a {@code RESERVED} order can be confirmed. */
    public Optional<OrderConfirmed> confirm(UUID paymentId, Instant now) {
        if (status != OrderStatus.RESERVED) {
            return Optional.empty();
        }
        moveTo(OrderStatus.CONFIRMED, null, now);
        return Optional.of(new OrderConfirmed(id, customerId, customerEmail, lines(), totalMoney(), paymentId, now));
    }

    /**
     * Stock short, payment declined or the customer changed their mind; only while the order is in flight.
     * {@code detail} says more than the reason (the lines short, the decline code).
     */
    public Optional<OrderCancelled> cancel(OrderReason why, String detail, Instant now) {
        if (status.isTerminal()) {
            return Optional.empty();
        }
        moveTo(OrderStatus.CANCELLED, why, now);
        return Optional.of(new OrderCancelled(id, customerId, customerEmail, lines(), totalMoney(),
                why.toCancellationReason(), detail, now));
    }

    /** No reply reached the order in time; the event says where it stalled. */
    public Optional<OrderExpired> expire(Instant now) {
        if (status.isTerminal()) {
            return Optional.empty();
        }
        OrderStatus stalledAt = status;
        moveTo(OrderStatus.EXPIRED, OrderReason.TIMEOUT, now);
        return Optional.of(new OrderExpired(id, customerId, customerEmail, lines(), totalMoney(), stalledAt.name(),
                now));
    }

    private void moveTo(OrderStatus next, OrderReason why, Instant now) {
        status = next;
        reason = why;
        updatedAt = now;
        history.add(new StatusChange(next, why, now));
    }

    /** The event of a newly placed order ({@link #place}). */
    OrderPlaced placed() {
        return new OrderPlaced(id, customerId, customerEmail, lines(), totalMoney(), shippingAddress.toEvent(),
                createdAt);
    }

    private List<OrderLine> lines() {
        return items.stream().map(item -> item.toEvent(currency)).toList();
    }

    private Money totalMoney() {
        return new Money(total, currency);
    }

    /** The fingerprint of the request that placed it under an idempotency key ({@link IdempotencyKey}). */
    String requestFingerprint() {
        return requestFingerprint;
    }

    public UUID id() {
        return id;
    }

    String customerId() {
        return customerId;
    }

    String customerEmail() {
        return customerEmail;
    }

    String paymentToken() {
        return paymentToken;
    }

    ShippingAddressValue shippingAddress() {
        return shippingAddress;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    String currency() {
        return currency;
    }

    BigDecimal total() {
        return total;
    }

    public OrderStatus status() {
        return status;
    }

    OrderReason reason() {
        return reason;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    List<OrderItem> items() {
        return List.copyOf(items);
    }

    List<StatusChange> history() {
        return List.copyOf(history);
    }

    /** The status change that brought the order where it is. */
    StatusChange lastChange() {
        return history.getLast();
    }

    /** The status change before {@link #lastChange()}: when the order entered the status it left last; null if none. */
    StatusChange previousChange() {
        return history.size() < 2 ? null : history.get(history.size() - 2);
    }
}
