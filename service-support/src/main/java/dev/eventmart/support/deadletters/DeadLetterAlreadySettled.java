package dev.eventmart.support.deadletters;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The record was already replayed or discarded (the audit says by whom and when); answered {@code 409}, nothing sent.
 * A record that failed again after its replay is a new record in the dead-letter topic, with an offset of its own.
 */
public class DeadLetterAlreadySettled extends ErrorResponseException {

    public DeadLetterAlreadySettled(String topic, int partition, long offset, DeadLetterRecord.Disposition settled) {
        super(HttpStatus.CONFLICT, problem(topic, partition, offset, settled), null);
    }

    private static ProblemDetail problem(String topic, int partition, long offset,
            DeadLetterRecord.Disposition settled) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The record in " + topic
                + " at partition " + partition + ", offset " + offset + " was already "
                + settled.action().name().toLowerCase() + " by " + settled.by() + " at " + settled.at());
        problem.setTitle("Dead letter already settled");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("disposition", settled.action().name());
        properties.put("settledBy", settled.by());
        properties.put("settledAt", settled.at().toString());
        problem.setProperties(properties);
        return problem;
    }
}
