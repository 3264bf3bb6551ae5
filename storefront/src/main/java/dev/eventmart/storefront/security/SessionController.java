package dev.eventmart.storefront.security;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /bff/session}: who the page's user is, for the page to show the right links. Reading the CSRF token here
 * makes Spring Security set the {@code XSRF-TOKEN} cookie the page's first POST needs.
 */
@RestController
class SessionController {

    @GetMapping("/bff/session")
    Session session(Authentication authentication, CsrfToken csrf) {
        csrf.getToken();
        if (!(authentication instanceof OAuth2AuthenticationToken user)) {
            return new Session(false, null, List.of());
        }
        List<String> roles = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5))
                .sorted().toList();
        return new Session(true, user.getName(), roles);
    }

    record Session(boolean authenticated, String userId, List<String> roles) {
    }
}
