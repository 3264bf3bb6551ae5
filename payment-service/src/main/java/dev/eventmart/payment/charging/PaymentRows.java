package dev.eventmart.payment.charging;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a batch's new payments in one statement from {@code unnest}. Hibernate's persist of each payment and the
 * flush before commit were most of what an authorization batch cost above its SQL (JFR at 20 orders/s), for rows
 * that are only ever inserted here; reads and the refund stay with {@link Payments}, which map the same rows.
 */
@Component
class PaymentRows {

    private final JdbcClient jdbc;

    PaymentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insertAll(List<Payment> payments) {
        if (payments.isEmpty()) {
            return;
        }
        int size = payments.size();
        String[] paymentIds = new String[size];
        String[] orderIds = new String[size];
        String[] customerIds = new String[size];
        BigDecimal[] amounts = new BigDecimal[size];
        String[] currencies = new String[size];
        String[] statuses = new String[size];
        String[] reasons = new String[size];
        String[] createdAt = new String[size];
        String[] updatedAt = new String[size];
        for (int i = 0; i < size; i++) {
            Payment payment = payments.get(i);
            paymentIds[i] = payment.paymentId().toString();
            orderIds[i] = payment.orderId().toString();
            customerIds[i] = payment.customerId();
            amounts[i] = payment.amount().amount();
            currencies[i] = payment.amount().currency();
            statuses[i] = payment.status().name();
            reasons[i] = payment.reason();
            createdAt[i] = payment.createdAt().toString();
            updatedAt[i] = payment.updatedAt().toString();
        }
        jdbc.sql("""
                insert into payment (payment_id, order_id, customer_id, amount, currency, status, reason, created_at,
                    updated_at, version)
                select p.*, 0 from unnest(?::uuid[], ?::uuid[], ?::text[], ?::numeric[], ?::text[], ?::text[],
                    ?::text[], ?::timestamptz[], ?::timestamptz[]) as p""")
                .params(paymentIds, orderIds, customerIds, amounts, currencies, statuses, reasons, createdAt, updatedAt)
                .update();
    }
}
