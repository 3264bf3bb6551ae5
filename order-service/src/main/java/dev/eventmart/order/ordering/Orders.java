package dev.eventmart.order.ordering;

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
     * cancel and the expiry job never act on the same order at once (a saga step takes the same row locks through
     * {@link OrderRows#lockAll}).
     *
     * <p>Without Hibernate's auto-flush: flushing the whole persistence context before every lookup makes a
     * transaction that locks one order after another quadratic. Nothing pending can
     * change this query's answer: an order changed earlier in the transaction is the managed instance the query
     * returns.
     *
     * <p>Not with {@code join fetch} of lines and history: Hibernate then no longer held the order row's lock for the
     * whole transaction, and a customer cancel racing a saga step failed on the version check (the end-to-end
     * suite's 200 concurrent orders caught it).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    @Query("select o from Order o where o.id = :id")
    Optional<Order> findForUpdate(UUID id);

    Optional<Order> findByCustomerIdAndIdempotencyKey(String customerId, String idempotencyKey);

    Page<Order> findByCustomerId(String customerId, Pageable pageable);

    Page<Order> findByStatus(OrderStatus status, Pageable pageable);

    Page<Order> findByCustomerIdAndStatus(String customerId, OrderStatus status, Pageable pageable);
}
