package dev.eventmart.analytics.tracking;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * More activity is waiting for Kafka's acknowledgement than this instance admits; answered {@code 503} with
 * {@code Retry-After} at once, before anything of the request is published.
 */
class IngestionSaturated extends ErrorResponseException {

    static final String RETRY_AFTER_SECONDS = "1";

    IngestionSaturated(int events, int limit) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(events, limit), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    private static ProblemDetail problem(int events, int limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Too much activity is in flight to accept " + events + " more event(s) (at most " + limit
                        + "); retry shortly");
        problem.setTitle("Ingestion saturated");
        return problem;
    }
}
