package dev.eventmart.support.security;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A customer asked for a list of someone else's things: {@code 403}, whoever that someone is. */
public class NotYours extends ErrorResponseException {

    public NotYours() {
        super(HttpStatus.FORBIDDEN, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "A customer sees only their own; leave the filter out or name yourself");
        problem.setType(URI.create("urn:eventmart:problem:not-yours"));
        return problem;
    }
}
