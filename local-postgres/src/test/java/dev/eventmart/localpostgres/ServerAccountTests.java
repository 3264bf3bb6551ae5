package dev.eventmart.localpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerAccountTests {

    private static final List<String> INITDB = List.of("/opt/pg/bin/initdb", "-D", "/data");

    @Test
    void runsTheBinariesAsTheCurrentUserWhenThatIsNotRoot() {
        ServerAccount account = ServerAccount.choose(1000, null);

        assertThat(account.switches()).isFalse();
        assertThat(account.command(INITDB)).isEqualTo(INITDB);
    }

    @Test
    void ignoresARequestedAccountWhenItCannotSwitch() {
        assertThat(ServerAccount.choose(1000, "postgres").command(INITDB)).isEqualTo(INITDB);
    }

    @Test
    void runsTheBinariesAsNobodyWhenRoot() {
        ServerAccount account = ServerAccount.choose(0, null);

        assertThat(account.switches()).isTrue();
        assertThat(account.command(INITDB))
                .containsExactly("runuser", "-u", "nobody", "--", "/opt/pg/bin/initdb", "-D", "/data");
    }

    @Test
    void runsTheBinariesAsTheRequestedAccountWhenRoot() {
        assertThat(ServerAccount.choose(0, " eventmart ").command(INITDB))
                .startsWith("runuser", "-u", "eventmart", "--");
        assertThat(ServerAccount.choose(0, "  ").command(INITDB)).startsWith("runuser", "-u", "nobody", "--");
    }

    @Test
    void refusesToRunTheBinariesAsRoot() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServerAccount.choose(0, "root"))
                .withMessageContaining("unprivileged");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerAccount.choose(0, "0"));
    }
}
