package dev.eventmart.order.ordering;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

public interface Orders extends JpaRepository<Order, UUID> {

    /**
     * The order, locked until the transaction ends. Every transition takes this lock, so a reply, a customer
     * cancel and the expiry job never act on the same order at once.
     *
     * <p>Without Hibernate's auto-flush: a batch listener locks one order per event in a single transaction, and
     * flushing the whole persistence context before every lookup made a batch quadratic (a quarter of
     * order-service's CPU under load). Nothing pending can change this query's answer: an order changed earlier in
     * the transaction is the managed instance the query returns.
     *
     * <p>Not with {@code join fetch} of lines and history: tried to save two round trips per saga step, Hibernate
     * then no longer held the order row's lock for the whole transaction, and a customer cancel racing a saga step
     * failed on the version check (the end-to-end suite's 200 concurrent orders caught it).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    @Query("select o from Order o where o.id = :id")
    Optional<Order> findForUpdate(UUID id);

    /**
     * The orders with these ids, each locked until the transaction ends as by {@link #findForUpdate}, in one
     * statement and in id order: two transactions locking overlapping batches queue instead of deadlocking. Their
     * lines and status history follow in one statement each ({@code @BatchSize} on {@link Order}), not one per order.
     *
     * <p>Native SQL with one array parameter rather than JPQL's {@code in :ids}: Hibernate translated the JPQL query
     * to SQL again on every call (each list size is another statement, and the lock clause keeps it from its
     * interpretation cache), a third of the saga listener's CPU in a JFR profile at 20 orders/s. This statement is
     * the same text whatever the batch size, so PostgreSQL and pgjdbc prepare it once per connection too.
     */
    @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    @NativeQuery("select * from customer_order where order_id = any(?1) order by order_id for update")
    List<Order> findAllForUpdate(UUID[] ids);

    Optional<Order> findByCustomerIdAndIdempotencyKey(String customerId, String idempotencyKey);

    Page<Order> findByCustomerId(String customerId, Pageable pageable);

    Page<Order> findByStatus(OrderStatus status, Pageable pageable);

    Page<Order> findByCustomerIdAndStatus(String customerId, OrderStatus status, Pageable pageable);
}
