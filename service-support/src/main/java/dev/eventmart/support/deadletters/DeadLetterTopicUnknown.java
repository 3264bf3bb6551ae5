package dev.eventmart.support.deadletters;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The name is not one of EventMart's dead-letter topics; answered {@code 404}. The name is not echoed back. */
public class DeadLetterTopicUnknown extends ErrorResponseException {

    public DeadLetterTopicUnknown(String topic) {
        super(HttpStatus.NOT_FOUND, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Not an EventMart dead-letter topic: GET /api/operations/dead-letters lists them (<topic>.dlt)");
        problem.setTitle("Dead-letter topic not found");
        return problem;
    }
}
