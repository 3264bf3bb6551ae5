package dev.eventmart.support.deadletters;

import dev.eventmart.support.deadletters.DeadLetterAudit.Address;
import dev.eventmart.support.deadletters.DeadLetterAudit.Entry;
import dev.eventmart.support.deadletters.DeadLetterOperations.ReplayAll;
import dev.eventmart.support.deadletters.DeadLetterReader.Cursor;
import dev.eventmart.support.deadletters.DeadLetterReader.Page;
import dev.eventmart.support.deadletters.DeadLetterRecord.Disposition;
import dev.eventmart.support.security.Caller;
import dev.eventmart.support.web.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters for staff ({@link DeadLettersApiAccess}): the dead-letter topics and what they hold, each record with
 * its failure and its disposition; replay one or all to the topic they came from, discard one; the audit of it all.
 * Registered by {@link DeadLettersAutoConfiguration} in a service that turns the API on.
 */
@Tag(name = "Dead letters", description = "Staff only: inspect dead-lettered records, replay or discard them, "
        + "read the audit")
@RestController
public class DeadLetterController {

    static final String BASE = "/api/operations/dead-letters";
    static final String ACTIONS = "/api/operations/dead-letter-actions";

    private final DeadLetterReader reader;
    private final DeadLetterAudit audit;
    private final DeadLetterOperations operations;

    public DeadLetterController(DeadLetterReader reader, DeadLetterAudit audit, DeadLetterOperations operations) {
        this.reader = reader;
        this.audit = audit;
        this.operations = operations;
    }

    @Operation(summary = "Every dead-letter topic with the records it holds", description = """
            EventMart's `<topic>.dlt` topics, each with the topic its records came from and the records it holds per \
            partition (what is left within its retention, settled or not).""")
    @ApiResponse(responseCode = "200", description = "The dead-letter topics")
    @ApiResponse(responseCode = "403", description = "A caller without the staff role or the service's scope")
    @GetMapping(BASE)
    TopicList topics() {
        Map<String, Map<Integer, Long>> sizes = reader.sizes(DeadLetterTopics.all());
        return new TopicList(sizes.entrySet().stream().map(topic -> new TopicSize(topic.getKey(),
                DeadLetterTopics.sourceOf(topic.getKey()),
                topic.getValue().values().stream().mapToLong(Long::longValue).sum(),
                topic.getValue().entrySet().stream().map(size -> new PartitionSize(size.getKey(), size.getValue()))
                        .toList()))
                .toList());
    }

    @Operation(summary = "A page of a dead-letter topic's records", description = """
            From `partition` at `offset` (default: the first partition, from its earliest record), on into the next \
            partitions, at most `limit`. Each record with its failure (`kafka_dlt-*` headers), the original record \
            (key, CloudEvents headers, value as JSON or text) and its disposition (`null` while nobody replayed or \
            discarded it). `next` is where the following page starts; `null` at the end.""")
    @ApiResponse(responseCode = "200", description = "The records, at most `limit`")
    @ApiResponse(responseCode = "403", description = "A caller without the staff role or the service's scope")
    @ApiResponse(responseCode = "404", description = "Not an EventMart dead-letter topic, or no such partition")
    @GetMapping(BASE + "/{topic}/records")
    RecordPage records(@Parameter(example = "inventory.stock.reserved.dlt") @PathVariable String topic,
            @RequestParam(required = false) @Min(0) Integer partition,
            @RequestParam(required = false) @Min(0) Long offset,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        DeadLetterTopics.sourceOf(topic);
        Page page = reader.page(topic, partition, offset, limit);
        Map<Address, Disposition> settled = audit.dispositionsOf(topic, page.records().stream()
                .map(record -> new Address(record.partition(), record.offset())).toList());
        return new RecordPage(topic, page.records().stream()
                .map(record -> reader.view(record, settled.get(new Address(record.partition(), record.offset()))))
                .toList(), page.next());
    }

    @Operation(summary = "One dead-lettered record", description = "The record at `partition` and `offset`, as in "
            + "the list.")
    @ApiResponse(responseCode = "200", description = "The record")
    @ApiResponse(responseCode = "403", description = "A caller without the staff role or the service's scope")
    @ApiResponse(responseCode = "404", description = "Not an EventMart dead-letter topic, or no record there")
    @GetMapping(BASE + "/{topic}/records/{partition}/{offset}")
    DeadLetterRecord one(@PathVariable String topic, @PathVariable @Min(0) int partition,
            @PathVariable @Min(0) long offset) {
        DeadLetterTopics.sourceOf(topic);
        ConsumerRecord<String, byte[]> record = reader.one(topic, partition, offset);
        return reader.view(record, audit.dispositionOf(topic, partition, offset).orElse(null));
    }

    @Operation(summary = "Replay one dead-lettered record to the topic it came from", description = """
            Sends the original key, value and headers back to the source topic, with `eventmart_replay_attempt` \
            (one more than the record carried) and `eventmart_replayed_from`. Every consumer group of the topic \
            gets it; their inboxes skip it where it was applied. Audited with the caller and the optional reason; \
            a record is replayed or discarded once.""")
    @ApiResponse(responseCode = "200", description = "The audited action")
    @ApiResponse(responseCode = "403", description = "A caller without the staff role or the service's scope")
    @ApiResponse(responseCode = "404", description = "Not an EventMart dead-letter topic, or no record there")
    @ApiResponse(responseCode = "409", description = "The record was already replayed or discarded: "
            + "`disposition`, `settledBy` and `settledAt` say how")
    @PostMapping(BASE + "/{topic}/records/{partition}/{offset}/replay")
    Entry replay(@PathVariable String topic, @PathVariable @Min(0) int partition, @PathVariable @Min(0) long offset,
            @RequestBody(required = false) @Valid ReplayRequest request, Caller caller) {
        return operations.replay(topic, partition, offset, caller, request == null ? null : request.reason());
    }

    @Operation(summary = "Replay every unsettled record of a dead-letter topic", description = """
            Replays, as one record's replay does, each record the topic holds now that nobody replayed or \
            discarded, in order per partition, at most `eventmart.dead-letters.max-replay-all` (1000) a call: \
            `more` says when to call again.""")
    @ApiResponse(responseCode = "200", description = "How many records were replayed, and how many skipped")
    @ApiResponse(responseCode = "403", description = "A caller without the staff role or the service's scope")
    @ApiResponse(responseCode = "404", description = "Not an EventMart dead-letter topic")
    @PostMapping(BASE + "/{topic}/replay")
    ReplayAll replayAll(@PathVariable String topic, @RequestBody(required = false) @Valid ReplayRequest request,
            Caller caller) {
        return operations.replayAll(topic, caller, request == null ? null : request.reason());
    }

    @Operation(summary = "Discard one dead-lettered record, with a reason", description = """
            Records that the record will not be replayed, and why; it stays in the topic until its retention ends. \
            Audited with the caller.""")
    @ApiResponse(responseCode = "200", description = "The audited action")
    @ApiResponse(responseCode = "403", description = "A caller without the staff role or the service's scope")
    @ApiResponse(responseCode = "404", description = "Not an EventMart dead-letter topic, or no record there")
    @ApiResponse(responseCode = "409", description = "The record was already replayed or discarded: "
            + "`disposition`, `settledBy` and `settledAt` say how")
    @PostMapping(BASE + "/{topic}/records/{partition}/{offset}/discard")
    Entry discard(@PathVariable String topic, @PathVariable @Min(0) int partition, @PathVariable @Min(0) long offset,
            @RequestBody @Valid DiscardRequest request, Caller caller) {
        return operations.discard(topic, partition, offset, caller, request.reason());
    }

    @Operation(summary = "The audit: who replayed or discarded which dead letter, when and why", description = """
            Newest first, of one dead-letter topic or of all.""")
    @ApiResponse(responseCode = "200", description = "The actions, at most `limit`")
    @ApiResponse(responseCode = "403", description = "A caller without the staff role or the service's scope")
    @ApiResponse(responseCode = "404", description = "`topic` is not an EventMart dead-letter topic")
    @GetMapping(ACTIONS)
    ActionList actions(@RequestParam(required = false) String topic,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        if (topic != null) {
            DeadLetterTopics.sourceOf(topic);
        }
        return new ActionList(audit.latest(topic, limit));
    }

    /** Why a record is replayed, optional. */
    record ReplayRequest(@Schema(example = "inventory-service 1.4.2 deployed: reads version 2") @PlainText
            @Size(max = 500) String reason) {
    }

    /** Why a record is discarded. */
    record DiscardRequest(@Schema(example = "test order from the load test, nothing to apply") @NotBlank @PlainText
            @Size(max = 500) String reason) {
    }

    /** The dead-letter topics. */
    record TopicList(List<TopicSize> topics) {
    }

    /** A dead-letter topic, where its records came from, and how many it holds, in all and per partition. */
    record TopicSize(String topic, String sourceTopic, long records, List<PartitionSize> partitions) {
    }

    /** Records held by one partition. */
    record PartitionSize(int partition, long records) {
    }

    /** A page of records and where the next page starts ({@code null}: nothing more). */
    record RecordPage(String topic, List<DeadLetterRecord> records, Cursor next) {
    }

    /** Audited actions, newest first. */
    record ActionList(List<Entry> actions) {
    }
}
