package dev.eventmart.order.order;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
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
     * <p>Lines and history come in the same statement (only the order row is locked): loaded one collection at a
     * time, a saga step took three round trips to PostgreSQL before it could decide anything.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    @Query("select o from Order o left join fetch o.items left join fetch o.history where o.id = :id")
    Optional<Order> findForUpdate(UUID id);

    Optional<Order> findByIdempotencyKey(String idempotencyKey);

    Page<Order> findByCustomerId(String customerId, Pageable pageable);

    Page<Order> findByStatus(OrderStatus status, Pageable pageable);

    Page<Order> findByCustomerIdAndStatus(String customerId, OrderStatus status, Pageable pageable);
}
