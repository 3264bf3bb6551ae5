package dev.eventmart.order.ordering;

import dev.eventmart.support.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a client sends to place an order. No prices: order-service prices every line from its catalog. Every text is
 * {@link PlainText}: PostgreSQL cannot store a NUL, and ids end up in logs.
 *
 * <p>The customer is the caller: a customer leaves {@code customerId} out (or names themselves); staff placing an
 * order for a customer name them ({@link OrderController}).
 */
record PlaceOrderRequest(
        @Size(min = 1, max = 100) @PlainText String customerId,
        @NotBlank @Email @Size(max = 320) @PlainText String customerEmail,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotBlank @Size(max = 100) @PlainText String paymentToken,
        @NotNull @Valid Address shippingAddress,
        @NotEmpty @Size(max = PlaceOrderRequest.MAX_LINES) List<@NotNull @Valid Item> items) {

    static final int MAX_LINES = 50;
    static final int MAX_QUANTITY = 100;

    /** The same request, placed for this customer: what is stored and fingerprinted. */
    PlaceOrderRequest forCustomer(String customer) {
        return new PlaceOrderRequest(customer, customerEmail, currency, paymentToken, shippingAddress, items);
    }

    record Address(@NotBlank @Size(max = 200) @PlainText String street,
            @NotBlank @Size(max = 100) @PlainText String city, @Size(max = 100) @PlainText String state,
            @NotBlank @Size(max = 20) @PlainText String zipCode, @NotBlank @Size(max = 60) @PlainText String country) {

        ShippingAddressValue toValue() {
            return new ShippingAddressValue(street, city, state, zipCode, country);
        }
    }

    record Item(@NotBlank @Size(max = 40) @PlainText String productId,
            @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {
    }
}
