package dev.eventmart.support.deadletters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The broker did not answer a read or a replay in time, or refused it; answered {@code 503} with {@code Retry-After}.
 * A replay that was not acknowledged is not recorded, so it can simply be asked again.
 */
public class DeadLettersUnavailable extends ErrorResponseException {

    private static final Logger log = LoggerFactory.getLogger(DeadLettersUnavailable.class);

    public DeadLettersUnavailable(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        // The client is told nothing of the cause; the operator finds it here (a timeout, or an ACL refusing the
        // service's Kafka user a dead-letter topic or the topic it replays to).
        log.warn("Dead-letter API: the broker did not answer or refused: {}", cause.toString());
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The message broker did not answer in time or refused the request; nothing was replayed. "
                        + "Try again shortly.");
        problem.setTitle("Temporarily unavailable");
        return problem;
    }
}
