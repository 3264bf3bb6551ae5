package dev.eventmart.payment.charging;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Every payment; at most one per order (unique {@code order_id}). */
interface Payments extends JpaRepository<Payment, UUID> {

    Optional<Payment> findByOrderId(UUID orderId);
}
