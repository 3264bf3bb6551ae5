package dev.eventmart.support.deadletters;

import dev.eventmart.support.deadletters.DeadLetterRecord.Action;
import dev.eventmart.support.deadletters.DeadLetterRecord.Disposition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit of what operators did with dead letters, table {@code dead_letter_action} in the service's schema: who
 * replayed or discarded which record (dead-letter topic, partition, offset, and the event's id), when and why. It is
 * also each record's disposition: a record has at most one row (a unique index), so it is replayed or discarded once.
 *
 * <p>Offsets identify a record for as long as its topic exists; a dead-letter topic deleted and created again starts
 * its offsets over, and its new records would show the old ones' dispositions. Topics are never deleted by EventMart.
 */
public class DeadLetterAudit {

    private final JdbcClient jdbc;

    public DeadLetterAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the action on the record, in the caller's transaction.
     *
     * @return {@code false} if the record was already settled (or a concurrent transaction just settled it: the
     *         insert waits for it and then finds its row)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(Entry entry) {
        return jdbc.sql("""
                insert into dead_letter_action (action, dead_letter_topic, dead_letter_partition, dead_letter_offset,
                    original_topic, event_id, event_type, record_key, replay_attempt, actor, reason, acted_at)
                values (:action, :topic, :partition, :offset, :originalTopic, :eventId, :eventType, :key,
                    :replayAttempt, :actor, :reason, :at)
                on conflict (dead_letter_topic, dead_letter_partition, dead_letter_offset) do nothing""")
                .param("action", entry.action().name())
                .param("topic", entry.topic())
                .param("partition", entry.partition())
                .param("offset", entry.offset())
                .param("originalTopic", entry.originalTopic())
                .param("eventId", storable(entry.eventId(), 200))
                .param("eventType", storable(entry.eventType(), 200))
                .param("key", storable(entry.key(), 1000))
                .param("replayAttempt", entry.replayAttempt())
                .param("actor", storable(entry.actor(), 200))
                .param("reason", entry.reason())
                .param("at", Timestamp.from(entry.at()))
                .update() == 1;
    }

    /** The disposition of the record at {@code partition} and {@code offset}, if it was settled. */
    public Optional<Disposition> dispositionOf(String topic, int partition, long offset) {
        return jdbc.sql("""
                select action, actor, acted_at, reason from dead_letter_action
                where dead_letter_topic = ? and dead_letter_partition = ? and dead_letter_offset = ?""")
                .params(topic, partition, offset)
                .query((row, n) -> disposition(row)).optional();
    }

    /** The dispositions of those of {@code records} that were settled, by address; one statement. */
    public Map<Address, Disposition> dispositionsOf(String topic, Collection<Address> records) {
        Map<Address, Disposition> settled = new HashMap<>();
        if (records.isEmpty()) {
            return settled;
        }
        jdbc.sql("""
                select a.dead_letter_partition, a.dead_letter_offset, a.action, a.actor, a.acted_at, a.reason
                from dead_letter_action a
                join unnest(?::int[], ?::bigint[]) as r(p, o)
                  on a.dead_letter_partition = r.p and a.dead_letter_offset = r.o
                where a.dead_letter_topic = ?""")
                .param(records.stream().map(Address::partition).toArray(Integer[]::new))
                .param(records.stream().map(Address::offset).toArray(Long[]::new))
                .param(topic)
                .query(row -> {
                    settled.put(new Address(row.getInt(1), row.getLong(2)), disposition(row));
                });
        return settled;
    }

    /** The latest actions, newest first, of one dead-letter topic or ({@code null}) of all. */
    public List<Entry> latest(String topic, int limit) {
        return jdbc.sql("""
                select action, dead_letter_topic, dead_letter_partition, dead_letter_offset, original_topic, event_id,
                       event_type, record_key, replay_attempt, actor, reason, acted_at
                from dead_letter_action
                where (cast(:topic as varchar) is null or dead_letter_topic = :topic)
                order by acted_at desc, id desc limit :limit""")
                .param("topic", topic)
                .param("limit", limit)
                .query((row, n) -> new Entry(Action.valueOf(row.getString("action")),
                        row.getString("dead_letter_topic"), row.getInt("dead_letter_partition"),
                        row.getLong("dead_letter_offset"), row.getString("original_topic"),
                        row.getString("event_id"), row.getString("event_type"), row.getString("record_key"),
                        (Integer) row.getObject("replay_attempt"), row.getString("actor"), row.getString("reason"),
                        row.getTimestamp("acted_at").toInstant()))
                .list();
    }

    private static Disposition disposition(ResultSet row) throws SQLException {
        return new Disposition(Action.valueOf(row.getString("action")), row.getString("actor"),
                row.getTimestamp("acted_at").toInstant(), row.getString("reason"));
    }

    /**
     * What PostgreSQL can hold of a value taken from a record: a record's key or header may carry a NUL, which
     * {@code text} refuses, or be longer than the column.
     */
    static String storable(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String clean = value.replace('\u0000', '\uFFFD');
        return clean.length() <= maxLength ? clean : clean.substring(0, maxLength);
    }

    /** A record's address in its dead-letter topic. */
    public record Address(int partition, long offset) {
    }

    /**
     * One audited action.
     *
     * @param action        replayed or discarded
     * @param topic         the dead-letter topic
     * @param partition     the record's partition there
     * @param offset        the record's offset there
     * @param originalTopic the topic it came from (and, replayed, went back to)
     * @param eventId       its CloudEvents id, when it had one
     * @param eventType     its CloudEvents type, when it had one
     * @param key           its key
     * @param replayAttempt the attempt header the replay carried; {@code null} for a discard
     * @param actor         who (the token's subject)
     * @param reason        why, as they said; may be {@code null} for a replay
     * @param at            when
     */
    public record Entry(Action action, String topic, int partition, long offset, String originalTopic,
            String eventId, String eventType, String key, Integer replayAttempt, String actor, String reason,
            Instant at) {
    }
}
