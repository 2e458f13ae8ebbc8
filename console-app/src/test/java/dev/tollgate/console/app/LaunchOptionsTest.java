package dev.tollgate.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void optionsWinOverEnvironment() {
        LaunchOptions options = LaunchOptions.parse(List.of("--url", "http://127.0.0.1:9901", "--token=t-1"), "http://env:1", "env-token");

        assertThat(options.url()).isEqualTo("http://127.0.0.1:9901");
        assertThat(options.token()).isEqualTo("t-1");
        assertThat(options.connectsAtStart()).isTrue();
    }

    @Test
    void environmentAloneConnects() {
        LaunchOptions options = LaunchOptions.parse(List.of(), "http://127.0.0.1:9901", "env-token");

        assertThat(options.connectsAtStart()).isTrue();
        assertThat(options.toString()).doesNotContain("env-token");
    }

    @Test
    void urlWithoutTokenOpensDisconnected() {
        assertThat(LaunchOptions.parse(List.of("--url", "http://127.0.0.1:9901"), null, null).connectsAtStart()).isFalse();
    }

    @Test
    void badOptionsAreRejectedByName() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--verbose"), null, null)).hasMessage("unknown option \"--verbose\"");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--url"), null, null)).hasMessage("--url needs a value");
    }
}
