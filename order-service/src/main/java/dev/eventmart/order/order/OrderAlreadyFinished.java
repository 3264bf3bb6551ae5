package dev.eventmart.order.order;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The order reached a final state and can no longer be cancelled; answered {@code 409}. */
class OrderAlreadyFinished extends ErrorResponseException {

    OrderAlreadyFinished(Order order) {
        super(HttpStatus.CONFLICT, problem(order), null);
    }

    private static ProblemDetail problem(Order order) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Order " + order.id() + " is already " + order.status() + " and can no longer be cancelled");
        problem.setTitle("Order already finished");
        problem.setProperties(Map.of("status", order.status().name()));
        return problem;
    }
}
