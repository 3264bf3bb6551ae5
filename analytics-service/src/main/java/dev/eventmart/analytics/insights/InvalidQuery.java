package dev.eventmart.analytics.insights;

import dev.eventmart.support.web.ValidationProblems;
import dev.eventmart.support.web.ValidationProblems.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A query parameter out of its domain (an unknown metric, an empty range); answered {@code 400} naming it. */
class InvalidQuery extends ErrorResponseException {

    InvalidQuery(String parameter, String message) {
        super(HttpStatus.BAD_REQUEST, ValidationProblems.invalid(List.of(new FieldProblem(parameter, message))), null);
    }
}
