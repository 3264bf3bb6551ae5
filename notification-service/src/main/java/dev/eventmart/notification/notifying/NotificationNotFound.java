package dev.eventmart.notification.notifying;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No notification has the requested id; answered {@code 404}. */
class NotificationNotFound extends ErrorResponseException {

    NotificationNotFound(UUID notificationId) {
        super(HttpStatus.NOT_FOUND, problem(notificationId), null);
    }

    private static ProblemDetail problem(UUID notificationId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No notification with id " + notificationId);
        problem.setTitle("Notification not found");
        return problem;
    }
}
