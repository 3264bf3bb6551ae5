package dev.eventmart.events.order;

import dev.eventmart.events.Required;
import java.util.Objects;

public record ShippingAddress(@Required String street, @Required String city, String state, @Required String zipCode,
        @Required String country) {

    public ShippingAddress {
        Objects.requireNonNull(street, "street");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(zipCode, "zipCode");
        Objects.requireNonNull(country, "country");
    }
}
