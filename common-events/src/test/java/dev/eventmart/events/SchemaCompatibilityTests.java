package dev.eventmart.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The compatibility rules on schemas generated from small records, each test a version 1 and a candidate that
 * would keep version 1.
 */
class SchemaCompatibilityTests {

    enum Carrier { POST, COURIER }

    enum CarrierWithDrone { POST, COURIER, DRONE }

    record Parcel(@Required String parcelId, int weightGrams) {
    }

    record ParcelWithoutWeight(@Required String parcelId) {
    }

    record Shipped(@Required UUID shipmentId, String note, @Required Instant shippedAt, Carrier carrier,
            List<Parcel> parcels, Map<String, String> labels) {
    }

    record ShippedWithTrackingUrl(@Required UUID shipmentId, String note, @Required Instant shippedAt, Carrier carrier,
            List<Parcel> parcels, Map<String, String> labels, String trackingUrl) {
    }

    record ShippedWithoutNote(@Required UUID shipmentId, @Required Instant shippedAt, Carrier carrier,
            List<Parcel> parcels, Map<String, String> labels) {
    }

    record ShippedWithNumericNote(@Required UUID shipmentId, Integer note, @Required Instant shippedAt,
            Carrier carrier, List<Parcel> parcels, Map<String, String> labels) {
    }

    record ShippedWithTextId(@Required String shipmentId, String note, @Required Instant shippedAt, Carrier carrier,
            List<Parcel> parcels, Map<String, String> labels) {
    }

    record ShippedWithRequiredWarehouse(@Required UUID shipmentId, String note, @Required Instant shippedAt,
            Carrier carrier, List<Parcel> parcels, Map<String, String> labels, @Required String warehouse) {
    }

    record ShippedWithParcelCount(@Required UUID shipmentId, String note, @Required Instant shippedAt,
            Carrier carrier, List<Parcel> parcels, Map<String, String> labels, int parcelCount) {
    }

    record ShippedWithRequiredNote(@Required UUID shipmentId, @Required String note, @Required Instant shippedAt,
            Carrier carrier, List<Parcel> parcels, Map<String, String> labels) {
    }

    record ShippedWithOptionalTime(@Required UUID shipmentId, String note, Instant shippedAt, Carrier carrier,
            List<Parcel> parcels, Map<String, String> labels) {
    }

    record ShippedByDrone(@Required UUID shipmentId, String note, @Required Instant shippedAt,
            CarrierWithDrone carrier, List<Parcel> parcels, Map<String, String> labels) {
    }

    record ShippedWithLighterParcels(@Required UUID shipmentId, String note, @Required Instant shippedAt,
            Carrier carrier, List<ParcelWithoutWeight> parcels, Map<String, String> labels) {
    }

    record ShippedWithNumericLabels(@Required UUID shipmentId, String note, @Required Instant shippedAt,
            Carrier carrier, List<Parcel> parcels, Map<String, Integer> labels) {
    }

    @Test
    void acceptsTheSameSchema() {
        assertThat(changes(Shipped.class)).isEmpty();
    }

    @Test
    void acceptsANewOptionalField() {
        assertThat(changes(ShippedWithTrackingUrl.class)).isEmpty();
    }

    @Test
    void refusesARemovedField() {
        assertThat(changes(ShippedWithoutNote.class)).containsExactly("note was removed");
    }

    @Test
    void refusesARetypedField() {
        assertThat(changes(ShippedWithNumericNote.class))
                .containsExactly("note changed type from [string] to [integer]");
    }

    @Test
    void refusesAFieldWhoseFormatChanged() {
        assertThat(changes(ShippedWithTextId.class)).containsExactly("shipmentId changed format from 'uuid' to ''");
    }

    @Test
    void refusesANewRequiredField() {
        assertThat(changes(ShippedWithRequiredWarehouse.class))
                .containsExactly("warehouse is new and required, but events written before it do not have it");
    }

    @Test
    void refusesANewPrimitiveFieldSinceItIsNeverNull() {
        assertThat(changes(ShippedWithParcelCount.class))
                .containsExactly("parcelCount is new and required, but events written before it do not have it");
    }

    @Test
    void refusesAnOptionalFieldThatBecomesRequired() {
        assertThat(changes(ShippedWithRequiredNote.class)).containsExactly("note became required");
    }

    @Test
    void refusesARequiredFieldThatBecomesOptional() {
        assertThat(changes(ShippedWithOptionalTime.class)).containsExactly("shippedAt is no longer required");
    }

    @Test
    void refusesANewEnumConstant() {
        assertThat(changes(ShippedByDrone.class))
                .containsExactly("carrier changed its allowed values from [COURIER, POST] to [COURIER, DRONE, POST]");
    }

    @Test
    void refusesAFieldRemovedFromTheItemsOfAList() {
        assertThat(changes(ShippedWithLighterParcels.class)).containsExactly("parcels[].weightGrams was removed");
    }

    @Test
    void refusesRetypedMapValues() {
        assertThat(changes(ShippedWithNumericLabels.class))
                .containsExactly("labels{} changed type from [string] to [integer]");
    }

    @Test
    void checksEveryRealEventTypeAgainstItself() {
        for (EventType type : EventType.values()) {
            assertThat(SchemaCompatibility.breakingChanges(EventSchemas.generate(type), EventSchemas.generate(type)))
                    .as(type.type()).isEmpty();
        }
    }

    private static List<String> changes(Class<?> candidate) {
        return SchemaCompatibility.breakingChanges(EventSchemas.generate(Shipped.class),
                EventSchemas.generate(candidate));
    }
}
