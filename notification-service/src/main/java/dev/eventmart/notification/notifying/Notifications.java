package dev.eventmart.notification.notifying;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;

/** Every notification; at most one per order and type (unique {@code (order_id, type)}). */
interface Notifications extends JpaRepository<Notification, UUID> {

    Optional<Notification> findByOrderIdAndType(UUID orderId, NotificationType type);

    /**
     * Every notification of these orders (a few each): a batch claims its notices with this one query. Native SQL
     * with one array parameter rather than a derived {@code findByOrderIdIn}: Hibernate translated the in-list query
     * to SQL again on every call (each list size is another statement), as order-service's saga did with its
     * lock query once did.
     */
    @NativeQuery("select * from notification where order_id = any(?1)")
    List<Notification> findByOrderIds(UUID[] orderIds);

    /** Notifications matching every filter given; a {@code null} filter matches all. */
    @Query("""
            select n from Notification n
            where (:orderId is null or n.orderId = :orderId)
              and (:customerId is null or n.customerId = :customerId)
              and (:type is null or n.type = :type)""")
    Page<Notification> search(UUID orderId, String customerId, NotificationType type, Pageable pageable);
}
