package dev.eventmart.storefront.activity;

import dev.eventmart.storefront.activity.ActivityForwarder.Visitor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * The visitor behind a request. The session id itself never leaves the storefront (it is the login); analytics gets
 * a random tracking id kept in the session instead, which survives the login (Spring Security moves the attributes
 * to the new session) so a visit before and after logging in is one session. A visitor who has not logged in is
 * {@code visitor-<tracking id>}.
 */
final class Visitors {

    private static final String TRACKING_ID = Visitors.class.getName() + ".TRACKING_ID";
    private static final int MAX_USER_AGENT = 500;

    private Visitors() {
    }

    static Visitor of(HttpServletRequest request, Authentication authentication) {
        HttpSession session = request.getSession();
        String trackingId = (String) session.getAttribute(TRACKING_ID);
        if (trackingId == null) {
            trackingId = UUID.randomUUID().toString();
            session.setAttribute(TRACKING_ID, trackingId);
        }
        String userId = authentication instanceof OAuth2AuthenticationToken user ? user.getName()
                : "visitor-" + trackingId;
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        return new Visitor(userId, trackingId, userAgent, request.getRemoteAddr());
    }
}
