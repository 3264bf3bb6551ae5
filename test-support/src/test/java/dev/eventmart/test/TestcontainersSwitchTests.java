package dev.eventmart.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.eventmart.test.TestcontainersSwitch.Decision;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class TestcontainersSwitchTests {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;

    @Test
    void turnsOnByItselfWhenADockerDaemonAnswers() {
        Decision decision = TestcontainersSwitch.decide(null, DOCKER);

        assertThat(decision.on()).isTrue();
        assertThat(decision.requested()).isFalse();
    }

    @Test
    void staysOffAndSaysWhyWithoutDocker() {
        Decision decision = TestcontainersSwitch.decide(null, NO_DOCKER);

        assertThat(decision.on()).isFalse();
        assertThat(decision.reason()).contains("no Docker daemon");
    }

    @Test
    void turnsOnWhenRequestedAndDockerAnswers() {
        assertThat(TestcontainersSwitch.decide("true", DOCKER).on()).isTrue();
        assertThat(TestcontainersSwitch.decide(" TRUE ", DOCKER).on()).isTrue();
    }

    @Test
    void staysOffWhenRequestedWithoutDockerAndSaysItWasRequested() {
        Decision decision = TestcontainersSwitch.decide("true", NO_DOCKER);

        assertThat(decision.on()).isFalse();
        assertThat(decision.requested()).isTrue();
        assertThat(decision.reason()).contains("-Dtestcontainers=true but no Docker daemon");
    }

    @Test
    void staysOffWhenTurnedOffWithoutAskingDocker() {
        AtomicBoolean asked = new AtomicBoolean();

        Decision decision = TestcontainersSwitch.decide("false", () -> asked.getAndSet(true));

        assertThat(decision.on()).isFalse();
        assertThat(asked).isFalse();
    }

    @Test
    void refusesAValueItDoesNotKnow() {
        assertThatIllegalArgumentException().isThrownBy(() -> TestcontainersSwitch.decide("yes", DOCKER))
                .withMessageContaining("true or false");
    }
}
