package dev.eventmart.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Content-Type} is a pattern ({@code *}{@code /*}, {@code application/*}) rather than
 * a type, with {@code 415}. Spring MVC's request headers cannot hold one: reading the body of such a request fails
 * with an {@code IllegalArgumentException}, a {@code 500}. A type that does not parse at all is left to Spring MVC,
 * which answers it with {@code 415} itself.
 */
class WildcardContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isWildcard(request.getContentType())) {
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // Bytes, not the writer: the writer would append a charset to the problem media type.
            response.getOutputStream().write("""
                    {"type":"about:blank","title":"Unsupported Media Type","status":415,\
                    "detail":"Content-Type must be a media type, not a pattern","instance":"%s"}"""
                    .formatted(request.getRequestURI().replace("\"", "")).getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isWildcard(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
    }
}
