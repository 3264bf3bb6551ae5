package dev.eventmart.support.deadletters;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The broker did not answer a read or a replay in time, or refused it; answered {@code 503} with {@code Retry-After}.
 * A replay that was not acknowledged is not recorded, so it can simply be asked again.
 */
public class DeadLettersUnavailable extends ErrorResponseException {

    public DeadLettersUnavailable(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The message broker did not answer in time or refused the request; nothing was replayed. "
                        + "Try again shortly.");
        problem.setTitle("Temporarily unavailable");
        return problem;
    }
}
