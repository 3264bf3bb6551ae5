package dev.eventmart.notification.notifying;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Every notification; at most one per order and type (unique {@code (order_id, type)}). */
interface Notifications extends JpaRepository<Notification, UUID> {

    Optional<Notification> findByOrderIdAndType(UUID orderId, NotificationType type);

    /** Notifications matching every filter given; a {@code null} filter matches all. */
    @Query("""
            select n from Notification n
            where (:orderId is null or n.orderId = :orderId)
              and (:customerId is null or n.customerId = :customerId)
              and (:type is null or n.type = :type)""")
    Page<Notification> search(UUID orderId, String customerId, NotificationType type, Pageable pageable);
}
