package dev.eventmart.order.ordering;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The customer sent another request under an {@code Idempotency-Key} they already used: {@code 422}, nothing placed. */
class IdempotencyKeyReused extends ErrorResponseException {

    static final URI TYPE = URI.create("urn:eventmart:problem:idempotency-key-reused");

    IdempotencyKeyReused(String key) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(key), null);
    }

    private static ProblemDetail problem(String key) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key '"
                + key + "' was used for a different order; send a new key for a new order");
        problem.setType(TYPE);
        problem.setTitle("Idempotency key reused");
        return problem;
    }
}
