package dev.eventmart.order.ordering;

import dev.eventmart.events.order.ShippingAddress;
import jakarta.persistence.Embeddable;

/** Where the order goes; stored with the order. */
@Embeddable
record ShippingAddressValue(String street, String city, String state, String zipCode, String country) {

    ShippingAddress toEvent() {
        return new ShippingAddress(street, city, state, zipCode, country);
    }
}
