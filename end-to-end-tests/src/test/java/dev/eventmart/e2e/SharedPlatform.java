package dev.eventmart.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the {@link Platform} for the first test class that needs it and stops it once every class has run, while the
 * test broker is still up: one start per test JVM (about a minute on two cores) however many classes share it.
 */
class SharedPlatform implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(Platform.class, key -> {
            Platform.get();
            return (AutoCloseable) Platform::stopAll;
        });
    }
}
