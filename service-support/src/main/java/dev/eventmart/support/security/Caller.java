package dev.eventmart.support.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is calling, as a controller needs it: the token's subject (for a customer, their customer id) and whether they
 * are staff. A controller method takes it as a parameter ({@link CallerArgumentResolver}); ownership is decided here
 * once, so every service answers "not yours" the same way.
 *
 * @param subject the token's {@code sub}
 * @param staff   whether the caller has the {@link ApiAccess#OPS} role
 */
public record Caller(String subject, boolean staff) {

    private static final String STAFF_AUTHORITY = "ROLE_" + ApiAccess.OPS;

    static Caller of(Authentication authentication) {
        boolean staff = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(STAFF_AUTHORITY::equals);
        return new Caller(authentication.getName(), staff);
    }

    /** Whether the caller may see or change what belongs to this owner: staff everything, a customer their own. */
    public boolean mayAccess(String ownerId) {
        return staff || subject.equals(ownerId);
    }

    /**
     * The owner a list is confined to: for staff the filter they asked for ({@code null}: everyone's); for a customer
     * always themselves. A customer asking for someone else's list is refused ({@link NotYours}, {@code 403}): the
     * answer is the same whether that someone exists or not.
     */
    public String ownerFilter(String requestedOwner) {
        if (staff) {
            return requestedOwner;
        }
        if (requestedOwner != null && !requestedOwner.equals(subject)) {
            throw new NotYours();
        }
        return subject;
    }
}
