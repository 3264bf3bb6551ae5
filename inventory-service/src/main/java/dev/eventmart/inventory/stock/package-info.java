/**
 * Stock reservations, the inventory side of the order saga: reserve every line of a placed order or none, turn
 * the reservation into a sale on confirmation, give it back on cancellation or expiry.
 */
package dev.eventmart.inventory.stock;
