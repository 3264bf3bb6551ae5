package dev.eventmart.order.catalog;

import dev.eventmart.events.Money;
import dev.eventmart.events.inventory.ProductSnapshot;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The latest known state of every product. Snapshots may arrive more than once and out of order (a restatement
 * after a newer change); the upsert keeps the highest version in one statement, so concurrent consumers cannot
 * move a product backwards.
 */
@Repository
public class CatalogReplica {

    private final JdbcClient jdbc;

    CatalogReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies a snapshot; returns whether it was newer than what the replica held. */
    boolean apply(ProductSnapshot snapshot) {
        return jdbc.sql("""
                insert into catalog_product
                    (product_id, sku, name, category, price, currency, active, version, updated_at)
                values (:productId, :sku, :name, :category, :price, :currency, :active, :version, :updatedAt)
                on conflict (product_id) do update set
                    sku = excluded.sku, name = excluded.name, category = excluded.category,
                    price = excluded.price, currency = excluded.currency, active = excluded.active,
                    version = excluded.version, updated_at = excluded.updated_at
                where catalog_product.version < excluded.version""")
                .param("productId", snapshot.productId())
                .param("sku", snapshot.sku())
                .param("name", snapshot.name())
                .param("category", snapshot.category())
                .param("price", snapshot.price().amount())
                .param("currency", snapshot.price().currency())
                .param("active", snapshot.active())
                .param("version", snapshot.version())
                .param("updatedAt", Timestamp.from(snapshot.updatedAt()))
                .update() == 1;
    }

    public Optional<CatalogProduct> find(String productId) {
        return jdbc.sql("""
                select product_id, sku, name, category, price, currency, active, version
                from catalog_product where product_id = ?""")
                .param(productId)
                .query((row, n) -> new CatalogProduct(row.getString("product_id"), row.getString("sku"),
                        row.getString("name"), row.getString("category"),
                        new Money(row.getBigDecimal("price"), row.getString("currency")), row.getBoolean("active"),
                        row.getLong("version")))
                .optional();
    }
}
