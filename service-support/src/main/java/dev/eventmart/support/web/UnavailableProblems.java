package dev.eventmart.support.web;

import dev.eventmart.support.messaging.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request that met the database or the broker away or contended answers {@code 503} with {@code Retry-After},
 * not {@code 500}: nothing is wrong with the request or the service, and a client that retries it (with its
 * {@code Idempotency-Key}, for an order) will get through once the dependency is back. What counts as such a
 * failure is decided where the listeners decide it, {@link Failures#classify}; any other failure of these types
 * stays a server error.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UnavailableProblems {

    private static final Logger log = LoggerFactory.getLogger(UnavailableProblems.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler({ DataAccessException.class, TransactionException.class })
    ResponseEntity<ProblemDetail> unavailable(RuntimeException ex) {
        if (Failures.classify(ex) != Failures.Kind.TRANSIENT) {
            throw ex;
        }
        // At debug: during an outage every request lands here, and the pool and the health endpoint say it already.
        log.debug("Answering 503, a dependency is unavailable: {}", ex.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The service cannot reach its database or message broker right now. Try again shortly.");
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
    }
}
