package dev.eventmart.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Money;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.test.AbstractServiceIntegrationTests;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

class PaymentServiceIntegrationTests extends AbstractServiceIntegrationTests {

    @Override
    protected String schema() {
        return "payments";
    }

    @Override
    protected DomainEvent sampleEvent() {
        return new PaymentAuthorized(UUID.randomUUID(), UUID.randomUUID(), Money.of("178.50", "EUR"),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void allowsOnePaymentPerOrderEver() {
        UUID orderId = UUID.randomUUID();
        insertPayment(orderId);

        assertThatThrownBy(() -> insertPayment(orderId)).isInstanceOf(DuplicateKeyException.class);
        assertThat(jdbc.sql("select count(*) from payment where order_id = ?").param(orderId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    private void insertPayment(UUID orderId) {
        jdbc.sql("""
                insert into payment (payment_id, order_id, amount, currency, status, created_at, updated_at)
                values (?, ?, 10.00, 'EUR', 'AUTHORIZED', now(), now())""")
                .params(UUID.randomUUID(), orderId).update();
    }
}
