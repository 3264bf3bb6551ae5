package dev.eventmart.payment.payment;

import jakarta.persistence.QueryHint;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.QueryHints;

/** Every payment; at most one per order (unique {@code order_id}). */
interface Payments extends JpaRepository<Payment, UUID> {

    Optional<Payment> findByOrderId(UUID orderId);

    /**
     * Without Hibernate's auto-flush, which before every lookup of a batch transaction flushed (and dirty-checked)
     * every payment the batch had stored so far. A payment stored earlier in the same batch for the same order is
     * then not seen here; the unique {@code order_id} still refuses the second one at commit, and the batch is
     * applied again one event per transaction, where this check sees it.
     */
    @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    boolean existsByOrderId(UUID orderId);
}
