package dev.eventmart.order.ordering;

import dev.eventmart.events.Money;
import dev.eventmart.events.order.OrderLine;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** One priced line of an order, as the catalog replica priced it when the order was placed. */
@Embeddable
record OrderItem(String productId, String sku, String name, int quantity, BigDecimal unitPrice,
        BigDecimal lineTotal) {

    OrderLine toEvent(String currency) {
        return new OrderLine(productId, sku, name, quantity, new Money(unitPrice, currency),
                new Money(lineTotal, currency));
    }
}
