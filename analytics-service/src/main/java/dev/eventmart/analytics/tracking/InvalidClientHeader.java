package dev.eventmart.analytics.tracking;

import dev.eventmart.support.web.PlainText;
import dev.eventmart.support.web.ValidationProblems;
import dev.eventmart.support.web.ValidationProblems.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A header the client context is read from is not {@link PlainText}; answered {@code 400} naming the header. */
class InvalidClientHeader extends ErrorResponseException {

    InvalidClientHeader(String header) {
        super(HttpStatus.BAD_REQUEST, ValidationProblems.invalid(List.of(new FieldProblem(header,
                "must not contain control characters or unpaired surrogates"))), null);
    }
}
