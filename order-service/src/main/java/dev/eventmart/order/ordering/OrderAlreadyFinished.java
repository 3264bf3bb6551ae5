package dev.eventmart.order.ordering;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The order reached a final state and can no longer be cancelled or expired; answered {@code 409}. */
public class OrderAlreadyFinished extends ErrorResponseException {

    public OrderAlreadyFinished(Order order) {
        super(HttpStatus.CONFLICT, problem(order), null);
    }

    private static ProblemDetail problem(Order order) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Order " + order.id() + " is already " + order.status() + ": it can no longer be cancelled or expired");
        problem.setTitle("Order already finished");
        // Not "status": that member is the HTTP status code (RFC 9457), and a property of the same name replaced it.
        problem.setProperties(Map.of("orderStatus", order.status().name()));
        return problem;
    }
}
