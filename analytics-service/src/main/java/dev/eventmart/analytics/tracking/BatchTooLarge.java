package dev.eventmart.analytics.tracking;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A batch with more items than allowed; answered {@code 413} and nothing of it is published. */
class BatchTooLarge extends ErrorResponseException {

    BatchTooLarge(int size, int maxSize) {
        super(HttpStatus.CONTENT_TOO_LARGE, problem(size, maxSize), null);
    }

    private static ProblemDetail problem(int size, int maxSize) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "A batch holds at most " + maxSize + " items, this one has " + size);
        problem.setTitle("Batch too large");
        return problem;
    }
}
