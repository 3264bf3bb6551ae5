package dev.eventmart.support.deadletters;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The dead-letter topic has no record at this partition and offset (never written, or past its retention); answered
 * {@code 404}.
 */
public class DeadLetterNotFound extends ErrorResponseException {

    public DeadLetterNotFound(String topic, int partition, long offset) {
        super(HttpStatus.NOT_FOUND, problem(topic, partition, offset), null);
    }

    private static ProblemDetail problem(String topic, int partition, long offset) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No record in " + topic + " at partition " + partition + ", offset " + offset);
        problem.setTitle("Dead letter not found");
        return problem;
    }
}
