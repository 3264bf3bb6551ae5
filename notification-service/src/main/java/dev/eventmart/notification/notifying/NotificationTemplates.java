package dev.eventmart.notification.notifying;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.eventmart.events.Money;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderLine;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Renders a notification from the Mustache templates in {@code templates/notification/}: per type a subject, a
 * text body and an HTML body ({@code order-confirmed.subject.mustache}, {@code .txt.mustache},
 * {@code .html.mustache}), sharing partials for the order lines. HTML templates escape every value (a product
 * named {@code <b>} shows as such); text templates and subjects do not, since they are not HTML. Templates are
 * compiled once, at startup, so a broken template stops the service instead of the first email; a value a
 * template names but the model lacks fails rendering rather than printing nothing.
 */
@Component
class NotificationTemplates {

    private static final String LOCATION = "templates/notification/";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter
            .ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Map<NotificationType, Templates> templates = new EnumMap<>(NotificationType.class);

    NotificationTemplates() {
        Mustache.Compiler html = Mustache.compiler().escapeHTML(true).nullValue("")
                .withLoader(name -> reader(name + ".mustache"));
        Mustache.Compiler text = html.escapeHTML(false);
        for (NotificationType type : NotificationType.values()) {
            String name = type.templateName();
            templates.put(type, new Templates(text.compile(reader(name + ".subject.mustache")),
                    text.compile(reader(name + ".txt.mustache")), html.compile(reader(name + ".html.mustache"))));
        }
    }

    RenderedEmail render(OrderNotice notice) {
        Templates type = templates.get(notice.type());
        Model model = Model.of(notice);
        // A subject is one header line: whatever a value holds, no line break gets into it.
        String subject = type.subject().execute(model).replaceAll("\\s+", " ").strip();
        return new RenderedEmail(subject, type.text().execute(model), type.html().execute(model));
    }

    private static Reader reader(String name) {
        try {
            return new InputStreamReader(new ClassPathResource(LOCATION + name).getInputStream(),
                    StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Missing notification template " + LOCATION + name, ex);
        }
    }

    private record Templates(Template subject, Template text, Template html) {
    }

    /** What the templates see: everything formatted for a reader already, so templates hold no logic. */
    record Model(String orderId, String orderNumber, String customerId, List<Line> lines, boolean hasLines,
            String total, String reason, String detail, String at) {

        static Model of(OrderNotice notice) {
            List<Line> lines = notice.lines().stream().map(Line::of).toList();
            return new Model(notice.orderId().toString(),
                    notice.orderId().toString().substring(0, 8).toUpperCase(Locale.ROOT), notice.customerId(),
                    lines, !lines.isEmpty(), notice.total() == null ? null : format(notice.total()),
                    inWords(notice.reason()), blankToNull(notice.detail()),
                    notice.occurredAt() == null ? null : DATE_TIME.format(notice.occurredAt()));
        }
    }

    record Line(String name, String sku, int quantity, String unitPrice, String lineTotal) {

        static Line of(OrderLine line) {
            String name = line.name() == null || line.name().isBlank() ? line.productId() : line.name();
            return new Line(name, line.sku() == null ? line.productId() : line.sku(), line.quantity(),
                    format(line.unitPrice()), format(line.lineTotal()));
        }
    }

    /** {@code 115.70 EUR}: the currency's own number of decimals, the code rather than a locale's symbol. */
    static String format(Money money) {
        int digits = Currency.getInstance(money.currency()).getDefaultFractionDigits();
        BigDecimal amount = digits < 0 ? money.amount() : money.amount().setScale(digits, RoundingMode.HALF_EVEN);
        return amount.toPlainString() + " " + money.currency();
    }

    static String inWords(CancellationReason reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case OUT_OF_STOCK -> "some of the items you ordered are out of stock";
            case PAYMENT_DECLINED -> "your payment was declined";
            case CUSTOMER_REQUEST -> "you asked us to cancel it";
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
