package dev.eventmart.analytics.tracking;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Kafka did not acknowledge the activity in time; answered {@code 503} so the client retries later. */
class ActivityNotPublished extends ErrorResponseException {

    static final String RETRY_AFTER_SECONDS = "5";

    ActivityNotPublished(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The activity could not be stored; retry later");
        problem.setTitle("Activity not accepted");
        return problem;
    }
}
