package dev.eventmart.storefront;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the storefront's own endpoints as problem details (validation included, through
 * {@link ResponseEntityExceptionHandler}). A service's own error answer reaches the page as the service gave it; a
 * service or identity-service that does not answer is {@code 502}.
 */
@RestControllerAdvice
class UpstreamErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(UpstreamErrors.class);

    @ExceptionHandler
    ResponseEntity<byte[]> serviceAnswered(RestClientResponseException ex) {
        return ResponseEntity.status(ex.getStatusCode()).headers(headers -> {
            if (ex.getResponseHeaders() != null && ex.getResponseHeaders().getContentType() != null) {
                headers.setContentType(ex.getResponseHeaders().getContentType());
            }
        }).body(ex.getResponseBodyAsByteArray());
    }

    @ExceptionHandler({ RestClientException.class, OAuth2AuthorizationException.class })
    ProblemDetail serviceAway(RuntimeException ex) {
        log.warn("A service the storefront calls did not answer: {}", ex.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "A service behind the storefront did not answer; try again shortly");
        problem.setTitle("Service unavailable");
        return problem;
    }
}
