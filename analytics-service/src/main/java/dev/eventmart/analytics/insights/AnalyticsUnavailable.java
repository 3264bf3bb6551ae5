package dev.eventmart.analytics.insights;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The stores cannot answer right now: Kafka Streams is starting, restoring or rebalancing. Answered {@code 503}
 * with {@code Retry-After}; it passes within seconds.
 */
class AnalyticsUnavailable extends ErrorResponseException {

    static final String RETRY_AFTER_SECONDS = "2";

    AnalyticsUnavailable(String state, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(state), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    private static ProblemDetail problem(String state) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Analytics are not available while the stream processor is " + state + "; retry shortly");
        problem.setTitle("Analytics temporarily unavailable");
        return problem;
    }
}
