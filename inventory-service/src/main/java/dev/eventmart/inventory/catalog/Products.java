package dev.eventmart.inventory.catalog;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

interface Products extends JpaRepository<Product, String> {

    List<Product> findAllByOrderByProductId();

    /**
     * The product, its row locked until the transaction ends: stock reservations change the same counts in SQL
     * and would otherwise make the optimistic version check fail the change.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Product> findLockedByProductId(String productId);
}
