package dev.eventmart.payment.charging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.eventmart.events.Money;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.events.payment.PaymentRefunded;
import dev.eventmart.payment.gateway.GatewayDecision;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentTests {

    private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant LATER = CREATED.plusSeconds(60);

    @Test
    void anApprovalIsAnAuthorizedPaymentAnnouncedAsPaymentAuthorized() {
        UUID orderId = UUID.randomUUID();
        Payment payment = Payment.decided(orderId, "ada", Money.of("49.90", "EUR"), GatewayDecision.approve(), CREATED);

        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(payment.outcome()).isEqualTo(
                new PaymentAuthorized(orderId, payment.paymentId(), Money.of("49.90", "EUR"), CREATED));
    }

    @Test
    void aDeclineKeepsTheGatewaysReason() {
        UUID orderId = UUID.randomUUID();
        Payment payment = Payment.decided(orderId, "ada", Money.of("49.90", "EUR"),
                GatewayDecision.decline("card_declined"), CREATED);

        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.reason()).isEqualTo("card_declined");
        assertThat(payment.outcome()).isEqualTo(new PaymentDeclined(orderId, payment.paymentId(),
                Money.of("49.90", "EUR"), "card_declined", CREATED));
    }

    @Test
    void refundsAnAuthorizedPaymentOnce() {
        UUID orderId = UUID.randomUUID();
        Payment payment = Payment.decided(orderId, "ada", Money.of("49.90", "EUR"), GatewayDecision.approve(), CREATED);

        PaymentRefunded refunded = payment.refund(LATER);

        assertThat(refunded).isEqualTo(
                new PaymentRefunded(orderId, payment.paymentId(), Money.of("49.90", "EUR"), LATER));
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.updatedAt()).isEqualTo(LATER);
        assertThat(payment.createdAt()).isEqualTo(CREATED);
        assertThatIllegalStateException().isThrownBy(() -> payment.refund(LATER));
    }

    @Test
    void neverRefundsADeclinedPayment() {
        Payment payment = Payment.decided(UUID.randomUUID(), "ada", Money.of("49.90", "EUR"),
                GatewayDecision.decline("insufficient_funds"), CREATED);

        assertThatIllegalStateException().isThrownBy(() -> payment.refund(LATER));
        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
    }
}
