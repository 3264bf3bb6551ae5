package dev.eventmart.analytics.insights;

import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The stores cannot answer right now: Kafka Streams is starting, restoring or rebalancing, or the instance that owns
 * the requested part of a store cannot be reached. Answered {@code 503} with {@code Retry-After}; it passes within
 * seconds (a rebalance ends, or the group hands the partitions of an instance that is gone to the others).
 */
class AnalyticsUnavailable extends ErrorResponseException {

    static final String RETRY_AFTER_SECONDS = "2";

    private AnalyticsUnavailable(String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(detail), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    /** This instance's Kafka Streams client is not {@code RUNNING}, or a store moved while it was read. */
    static AnalyticsUnavailable whileStreams(String state, Throwable cause) {
        return new AnalyticsUnavailable(
                "Analytics are not available while the stream processor is " + state + "; retry shortly", cause);
    }

    /** A partition of a store is not active on this instance (any more): a rebalance moved it. */
    static AnalyticsUnavailable partitionMoved(String store, int partition, Throwable cause) {
        return new AnalyticsUnavailable("Partition " + partition + " of " + store
                + " is not on this instance now (it moved in a rebalance); retry shortly", cause);
    }

    /** The group has no owner for a store's partition right now (a rebalance is assigning it). */
    static AnalyticsUnavailable ownerUnknown(String store, String why) {
        return new AnalyticsUnavailable("The instance that holds " + store + " is not known (" + why
                + "); retry shortly", null);
    }

    /** The instance that owns the requested partitions did not answer, or could not answer from its stores. */
    static AnalyticsUnavailable instanceUnavailable(HostInfo instance, Throwable cause) {
        return new AnalyticsUnavailable("The analytics instance at " + instance.host() + ":" + instance.port()
                + " that holds the requested figures did not answer; retry shortly", cause);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Analytics temporarily unavailable");
        return problem;
    }
}
