package dev.eventmart.support.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers Spring Security gives before any controller runs, as the same RFC 9457 problems the services give
 * everywhere else: {@code 401} and {@code 403} with the {@code WWW-Authenticate} header RFC 6750 asks for (set by
 * Spring's bearer-token handlers, which say what was wrong with the token), and {@code 400} for a request the firewall
 * refuses (an encoded slash, a path with {@code ..}), which would otherwise be a {@code 500}. The problem's detail
 * says what is missing, never why a token failed to verify beyond what {@code WWW-Authenticate} already tells.
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);

    private final AuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final AccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();
    private final JsonMapper json;

    SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        bearerEntryPoint.commence(request, response, exception);
        write(request, response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required: send "
                + "'Authorization: Bearer <token>' with a token from the identity service");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException, ServletException {
        bearerAccessDenied.handle(request, response, exception);
        write(request, response, HttpStatus.FORBIDDEN, "The token does not grant this: it lacks the role or scope "
                + "this endpoint needs");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException exception)
            throws IOException {
        // The firewall's message quotes the offending value; a client gets told where to look, not its input back.
        log.debug("Refused by the HTTP firewall: {}", exception.getMessage());
        write(null, response, HttpStatus.BAD_REQUEST, "The request's URL, method or a header holds something "
                + "not allowed (an encoded slash, '..', a control character)");
    }

    /** Writes the problem; without a request (one the firewall refused), without its URL as the instance. */
    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (request != null) {
            problem.put("instance", request.getRequestURI());
        }
        byte[] body = json.writeValueAsBytes(problem);
        // Bytes and no charset parameter: application/problem+json is UTF-8 by definition (RFC 8259).
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
