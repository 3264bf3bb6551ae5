package dev.eventmart.notification.notifying;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Money;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderLine;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationTemplatesTests {

    private static final UUID ORDER_ID = UUID.fromString("1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed");

    private final NotificationTemplates templates = new NotificationTemplates();

    @Test
    void rendersTheLinesAndTotalInTextAndHtml() {
        RenderedEmail email = templates.render(notice(NotificationType.ORDER_CONFIRMED, null, null));

        assertThat(email.subject()).isEqualTo("Your order 1B9D6BCD is confirmed");
        assertThat(email.textBody())
                .contains("good news: your order 1B9D6BCD is confirmed")
                .contains("  3 x Desk lamp (DL-1) at 19.99 EUR: 59.97 EUR\n")
                .contains("Total: 59.97 EUR")
                .contains("Order reference: " + ORDER_ID)
                .doesNotContain("{{").doesNotContain("\n\n\n");
        assertThat(email.htmlBody())
                .startsWith("<!DOCTYPE html>")
                .contains("<td style=\"padding: 4px 8px;\">Desk lamp <small>(DL-1)</small></td>")
                .contains("<strong>Total: 59.97 EUR</strong>");
    }

    @Test
    void escapesValuesInHtmlButNotInText() {
        OrderLine line = new OrderLine("P-9", "X<1>", "<script>alert('x')</script> & co", 1,
                Money.of("1.00", "EUR"), Money.of("1.00", "EUR"));
        OrderNotice notice = new OrderNotice(ORDER_ID, "customer-1", "ada@example.com",
                NotificationType.ORDER_RECEIVED, List.of(line), Money.of("1.00", "EUR"), null, null,
                Instant.parse("2026-11-23T10:15:00Z"), null);

        RenderedEmail email = templates.render(notice);

        assertThat(email.htmlBody()).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co");
        assertThat(email.textBody()).contains("<script>alert('x')</script> & co")
                .contains("on 23 November 2026, 10:15 UTC");
    }

    @Test
    void saysWhyAnOrderWasCancelledInWords() {
        assertThat(templates.render(notice(NotificationType.ORDER_CANCELLED, CancellationReason.OUT_OF_STOCK, null))
                .textBody()).contains("was cancelled because some of the items you ordered are out of stock.\n");
        assertThat(templates.render(notice(NotificationType.ORDER_CANCELLED, CancellationReason.PAYMENT_DECLINED,
                "insufficient_funds")).htmlBody())
                .contains("because your payment was declined. <small>(Details: insufficient_funds)</small>");
        assertThat(templates.render(notice(NotificationType.ORDER_CANCELLED, CancellationReason.CUSTOMER_REQUEST,
                null)).subject()).isEqualTo("Your order 1B9D6BCD was cancelled");
    }

    @Test
    void rendersAnOrderWithoutLinesOrTotal() {
        OrderNotice notice = new OrderNotice(ORDER_ID, "customer-1", "ada@example.com",
                NotificationType.ORDER_EXPIRED, List.of(), null, null, null, Instant.parse("2026-11-23T10:15:00Z"),
                null);

        RenderedEmail email = templates.render(notice);

        assertThat(email.subject()).isEqualTo("Your order 1B9D6BCD has expired");
        assertThat(email.textBody()).doesNotContain("Total").doesNotContain("Your order 1B9D6BCD:");
        assertThat(email.htmlBody()).doesNotContain("<table");
    }

    @Test
    void formatsMoneyWithTheCurrencysDecimals() {
        assertThat(NotificationTemplates.format(Money.of("115.7", "EUR"))).isEqualTo("115.70 EUR");
        assertThat(NotificationTemplates.format(Money.of("1200", "JPY"))).isEqualTo("1200 JPY");
    }

    private static OrderNotice notice(NotificationType type, CancellationReason reason, String detail) {
        OrderLine lamp = new OrderLine("P-1", "DL-1", "Desk lamp", 3, Money.of("19.99", "EUR"),
                Money.of("59.97", "EUR"));
        return new OrderNotice(ORDER_ID, "customer-1", "ada@example.com", type, List.of(lamp),
                Money.of("59.97", "EUR"), reason, detail, Instant.parse("2026-11-23T10:15:00Z"), ORDER_ID.toString());
    }
}
