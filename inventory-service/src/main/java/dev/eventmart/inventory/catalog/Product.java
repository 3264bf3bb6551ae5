package dev.eventmart.inventory.catalog;

import dev.eventmart.events.Money;
import dev.eventmart.events.inventory.ProductSnapshot;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A product and its stock. Units are available, reserved for an order in flight, or sold. The version grows with
 * every change and orders catalog snapshots for replicas.
 */
@Entity
public class Product {

    @Id
    private String productId;

    private String sku;

    private String name;

    private String category;

    private BigDecimal price;

    private String currency;

    private int available;

    private int reserved;

    private int sold;

    private boolean active;

    @Version
    private long version;

    private Instant updatedAt;

    protected Product() {
    }

    public String productId() {
        return productId;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public String category() {
        return category;
    }

    public Money price() {
        return new Money(price, currency);
    }

    public int available() {
        return available;
    }

    public int reserved() {
        return reserved;
    }

    public int sold() {
        return sold;
    }

    public boolean active() {
        return active;
    }

    /** Adds delivered units to available stock; the version grows when the change is flushed. */
    void restock(int quantity, Instant now) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
        available += quantity;
        // What PostgreSQL keeps, so the snapshot says exactly what a reader of the row would see.
        updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    ProductSnapshot snapshot() {
        return new ProductSnapshot(productId, sku, name, category, price(), active, version, updatedAt);
    }
}
