package dev.eventmart.invariants;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Where a run's state is read: the database as an admin who may read every service's schema, the broker, and
 * analytics-service.
 *
 * @param authorization the {@code Authorization} header for analytics' staff-only overview, asked again for every
 *        request because tokens expire during a long run
 */
public record Sources(String jdbcUrl, String dbUser, String dbPassword, String bootstrapServers, URI analyticsUrl,
        Supplier<String> authorization) {
}
