package dev.eventmart.support.security;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is an OAuth2 resource server: a request carries a JWT from identity-service, verified against the
 * issuer's keys (JWKS), its issuer, its expiry and its audience (Spring Boot's {@code spring.security.oauth2.resourceserver}
 * properties, set in the service defaults). No sessions and no cookies, so no CSRF: a bearer token is not sent by a
 * browser on its own.
 *
 * <p>The rules, in order: error dispatches pass (the original request was already decided); health and its liveness
 * and readiness groups are open (a load balancer has no token; details only for {@code ops} and {@code monitoring});
 * every other Actuator endpoint needs {@code ops} or {@code monitoring}; the API document and Swagger UI are open; then
 * the service's own {@link ApiAccess} rules; anything left needs a valid token. A token's {@code scope} becomes
 * {@code SCOPE_*} authorities and its {@code roles} claim {@code ROLE_*} ones.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtAuthenticationConverter.class })
@EnableWebSecurity
public class ApiSecurityAutoConfiguration {

    static final String ROLES_CLAIM = "roles";

    /**
     * Spring Security observes nothing: with an observation registry present it would otherwise wrap every filter of
     * the chain, the authentication and the authorization in observations of their own (four or five spans a
     * request, each costing what a hop's span costs, and telling an operator following an order nothing the request's
     * own span does not; a refused request still shows as the request's status). Switched off here rather than with
     * {@code management.observations.enable.spring.security=false}, which only turns each observation into a no-op
     * after the wrappers ran: at 300 orders/s the wrappers were a measurable part of order-service's request threads
     * (benchmarks/results/saga-steps-20261207-late.md).
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ObjectProvider<ApiAccess> serviceRules,
            ObjectProvider<JwtDecoder> decoder, SecurityProblems problems) {
        http.authorizeHttpRequests(requests -> {
            requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
            requests.requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                    .permitAll();
            requests.requestMatchers("/actuator/**").hasAnyRole(ApiAccess.OPS, ApiAccess.MONITORING);
            requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                    .permitAll();
            serviceRules.orderedStream().forEach(rules -> rules.authorize(requests));
            requests.anyRequest().authenticated();
        });
        http.oauth2ResourceServer(server -> server
                .jwt(jwt -> {
                    // Boot's decoder (the issuer's keys, issuer and audience checks), remembering what it verified.
                    decoder.ifAvailable(tokens -> jwt.decoder(new VerifiedTokens(tokens)));
                    jwt.jwtAuthenticationConverter(jwtAuthenticationConverter());
                })
                .authenticationEntryPoint(problems)
                .accessDeniedHandler(problems));
        http.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.csrf(csrf -> csrf.disable());
        http.requestCache(cache -> cache.disable());
        return http.build();
    }

    /**
     * Also the one {@link RequestRejectedHandler}, which Spring Security looks up by type: the firewall's refusals as
     * {@code 400} problems.
     */
    @Bean
    SecurityProblems securityProblems(JsonMapper json) {
        return new SecurityProblems(json);
    }

    @Bean
    WebMvcConfigurer callerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    static JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        Converter<Jwt, Collection<GrantedAuthority>> scopesAndRoles = jwt -> {
            List<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
            List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
            if (roles != null) {
                roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            return authorities;
        };
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(scopesAndRoles);
        return converter;
    }
}
