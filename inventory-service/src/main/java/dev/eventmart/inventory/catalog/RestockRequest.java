package dev.eventmart.inventory.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Units delivered for a product. The upper bound catches typos (an extra zero), not real deliveries. */
record RestockRequest(@NotNull @Min(1) @Max(100_000) Integer quantity) {
}
