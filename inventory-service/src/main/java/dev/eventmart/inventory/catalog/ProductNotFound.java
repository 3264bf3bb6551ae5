package dev.eventmart.inventory.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No product has the requested id; answered as a {@code 404} problem. */
class ProductNotFound extends ErrorResponseException {

    ProductNotFound(String productId) {
        super(HttpStatus.NOT_FOUND, problem(productId), null);
    }

    private static ProblemDetail problem(String productId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No product with id " + productId);
        problem.setTitle("Product not found");
        return problem;
    }
}
