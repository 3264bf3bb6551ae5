package dev.eventmart.analytics.insights;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Nothing was tracked for the requested user or product; answered {@code 404}. */
class NotTracked extends ErrorResponseException {

    private NotTracked(String what, String id) {
        super(HttpStatus.NOT_FOUND, problem(what, id), null);
    }

    static NotTracked user(String userId) {
        return new NotTracked("user", userId);
    }

    static NotTracked product(String productId) {
        return new NotTracked("product", productId);
    }

    private static ProblemDetail problem(String what, String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No activity tracked for " + what + " " + id);
        problem.setTitle(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " not found");
        return problem;
    }
}
