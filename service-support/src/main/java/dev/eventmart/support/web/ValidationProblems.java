package dev.eventmart.support.web;

import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Answers invalid input with a {@code 400} problem that names every offending field
 * ({@code "errors":[{"field":"items[0].quantity","message":"must be greater than 0"}]}); Spring's default problem
 * for a failed validation only says "Invalid request content". Every other MVC exception keeps Spring's problem
 * detail, and no response carries a stack trace.
 */
@RestControllerAdvice
public class ValidationProblems extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList();
        ProblemDetail problem = invalid(errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // A validated request body reports its fields (items[0].quantity); a plain parameter reports its name.
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream()
                                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                        : result.getResolvableErrors().stream()
                                .map(error -> new FieldProblem(parameterName(result), error.getDefaultMessage())))
                .toList();
        return handleExceptionInternal(ex, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A body that is JSON but not of the request's shape names the field and what it must be; any other unreadable
     * body (not JSON, a key given twice) keeps Spring's {@code 400} "Failed to read request".
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return handleExceptionInternal(ex, invalid(List.of(JsonFieldProblems.of(mismatch))), headers,
                    HttpStatus.BAD_REQUEST, request);
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(violation -> new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    private static String parameterName(ParameterValidationResult result) {
        RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
        RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        return result.getMethodParameter().getParameterName();
    }

    /** A {@code 400} problem listing the invalid fields. */
    public static ProblemDetail invalid(List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid request: " + errors.stream().map(FieldProblem::field).distinct().toList());
        problem.setTitle("Invalid request");
        problem.setProperties(Map.of("errors", errors));
        return problem;
    }

    /** One invalid field of a request, by its path in the request body or parameter list. */
    public record FieldProblem(String field, String message) {
    }
}
