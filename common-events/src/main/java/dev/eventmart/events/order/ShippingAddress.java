package dev.eventmart.events.order;

import java.util.Objects;

public record ShippingAddress(String street, String city, String state, String zipCode, String country) {

    public ShippingAddress {
        Objects.requireNonNull(street, "street");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(zipCode, "zipCode");
        Objects.requireNonNull(country, "country");
    }
}
