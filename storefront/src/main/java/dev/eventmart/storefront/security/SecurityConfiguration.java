package dev.eventmart.storefront.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import dev.eventmart.storefront.StorefrontProperties;
import dev.eventmart.storefront.activity.LoginActivity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The storefront as a backend-for-frontend: the browser holds a session cookie; the tokens identity-service issues
 * stay in that server-side session and go only to the services. Login is the authorization code flow with PKCE as the
 * confidential client {@code storefront}.
 * <ul>
 * <li>The catalog pages and reads are open to anyone; checkout, orders and the live view need a login; the operations
 * page and the operator APIs need staff ({@code ops}, from the ID token's {@code roles}). The services check the
 * token again: this only spares them requests that cannot pass.</li>
 * <li>A page that needs a login redirects to it; an API call ({@code /api/**}, {@code /bff/**}) gets {@code 401} with
 * a problem detail instead, which a script can act on and a redirect to a login form would hide.</li>
 * <li>CSRF: a session cookie is sent by the browser on its own, so every state-changing request carries the token the
 * page reads from the {@code XSRF-TOKEN} cookie and sends back as {@code X-XSRF-TOKEN} (Spring Security's
 * single-page-application setup).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    private static final RequestMatcher API = new OrRequestMatcher(pathPattern("/api/**"), pathPattern("/bff/**"));

    /**
     * The user's tokens live in their HTTP session, and die with it (logout, expiry); Boot's default keeps them in
     * memory by user name, where they would outlive the session.
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** ID tokens are checked for identity-service's issuer too ({@link IdTokens}). */
    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoders(StorefrontProperties properties) {
        return IdTokens.decoders(properties.tokenIssuer().toString());
    }

    @Bean
    SecurityFilterChain storefront(HttpSecurity http, ClientRegistrationRepository registrations,
            LoginActivity loginActivity) {
        DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        // PKCE for a confidential client too: identity-service requires it, and it binds the code to this login.
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/operations.html", "/bff/operations/**", "/api/operations/**",
                                "/api/analytics/**").hasRole("ops")
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/product.html", "/cart.html",
                                "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/api/products/**",
                                "/bff/session", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/bff/activity").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(new IdTokenRoles()))
                        .successHandler(loginActivity))
                .oauth2Client(client -> { })
                .csrf(csrf -> csrf.spa())
                .logout(logout -> logout.logoutSuccessUrl("/"))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new ProblemEntryPoint(), API));
        return http.build();
    }
}
