package dev.eventmart.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the test infrastructure before a test class asks Spring for its context, so that a missing PostgreSQL
 * fails the class with the one-line cause and how to fix it, not buried in a context-loading stack trace.
 */
class RealInfrastructureExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestInfrastructure.database();
        TestInfrastructure.kafkaBootstrapServers();
    }
}
