package dev.eventmart.storefront.activity;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Reports every login to analytics ({@code auth}, {@code LOGIN}) from the storefront itself, where it is known to
 * have happened, then goes on to the page that asked for the login. Analytics being away must not keep anyone from
 * logging in: a failure to report is logged and the login completes.
 */
@Component
public class LoginActivity implements AuthenticationSuccessHandler {

    private static final Logger log = LoggerFactory.getLogger(LoginActivity.class);

    private final ActivityForwarder forwarder;
    private final AuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();

    LoginActivity(ActivityForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        ActivityForwarder.Visitor visitor = Visitors.of(request, authentication);
        try {
            forwarder.send(List.of(Map.of("eventType", "auth", "data", Map.of("userId", visitor.userId(),
                    "sessionId", visitor.sessionId(), "action", "LOGIN", "method", "oauth2", "success", true))),
                    visitor);
        }
        catch (RestClientException | OAuth2AuthorizationException | IllegalStateException ex) {
            log.warn("Could not report the login of {} to analytics-service: {}", visitor.userId(), ex.toString());
        }
        next.onAuthenticationSuccess(request, response, authentication);
    }
}
