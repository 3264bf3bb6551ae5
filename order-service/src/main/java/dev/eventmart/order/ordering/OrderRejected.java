package dev.eventmart.order.ordering;

import dev.eventmart.support.web.ValidationProblems.FieldProblem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A well-formed order that cannot be accepted (unknown or withdrawn product, a currency the catalog is not priced
 * in); answered {@code 422} naming the fields. Nothing is stored.
 */
class OrderRejected extends ErrorResponseException {

    OrderRejected(List<FieldProblem> errors) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(errors), null);
    }

    private static ProblemDetail problem(List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "The order cannot be accepted: " + errors.stream().map(FieldProblem::message).toList());
        problem.setTitle("Order rejected");
        problem.setProperties(Map.of("errors", errors));
        return problem;
    }
}
