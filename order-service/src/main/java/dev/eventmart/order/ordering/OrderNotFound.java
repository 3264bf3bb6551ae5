package dev.eventmart.order.ordering;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No order has the requested id; answered {@code 404}. */
public class OrderNotFound extends ErrorResponseException {

    public OrderNotFound(UUID orderId) {
        super(HttpStatus.NOT_FOUND, problem(orderId), null);
    }

    private static ProblemDetail problem(UUID orderId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No order with id " + orderId);
        problem.setTitle("Order not found");
        return problem;
    }
}
