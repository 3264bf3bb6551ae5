package dev.eventmart.inventory.catalog;

import dev.eventmart.events.Money;
import dev.eventmart.events.inventory.ProductSnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product of the catalog, with its stock as the catalog shows it. Units are available, reserved for an order in
 * flight, or sold; those counts belong to the stock ({@link dev.eventmart.inventory.stock.StockLevels}, which moves them in set-based SQL for the
 * saga and for restocking), so they are mapped read-only here: the catalog reads them, never writes them. The
 * version grows with every change of the row and orders catalog snapshots for replicas.
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

    @Column(insertable = false, updatable = false)
    private int available;

    @Column(insertable = false, updatable = false)
    private int reserved;

    @Column(insertable = false, updatable = false)
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

    ProductSnapshot snapshot() {
        return new ProductSnapshot(productId, sku, name, category, price(), active, version, updatedAt);
    }
}
