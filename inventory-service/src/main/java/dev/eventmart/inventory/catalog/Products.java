package dev.eventmart.inventory.catalog;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface Products extends JpaRepository<Product, String> {

    List<Product> findAllByOrderByProductId();
}
