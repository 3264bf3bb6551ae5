package dev.eventmart.analytics.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/** The answer to a batch: how many items were accepted and rejected, and what happened to each, by index. */
record BatchResult(int accepted, int rejected, List<ItemResult> results) {

    static BatchResult of(List<ItemResult> results) {
        int accepted = (int) results.stream().filter(result -> result.eventId() != null).count();
        return new BatchResult(accepted, results.size() - accepted, results);
    }

    /** {@code {index, eventId}} for an accepted item, {@code {index, error}} for a rejected one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemResult(int index, UUID eventId, String error) {

        static ItemResult accepted(int index, UUID eventId) {
            return new ItemResult(index, eventId, null);
        }

        static ItemResult rejected(int index, String error) {
            return new ItemResult(index, null, error);
        }
    }
}
