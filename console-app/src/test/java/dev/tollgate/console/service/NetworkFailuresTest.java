package dev.tollgate.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class NetworkFailuresTest {

    private static final String URL = "http://127.0.0.1:18091";

    @Test
    void refusedConnectionIsUnreachable() {
        assertThat(NetworkFailures.describe(new ConnectException("Failed to connect to /127.0.0.1:18091"), URL))
                .isEqualTo("Cannot reach 127.0.0.1:18091");
    }

    @Test
    void wrappedCauseIsFound() {
        assertThat(NetworkFailures.describe(new IOException("outer", new ConnectException("refused")), URL))
                .isEqualTo("Cannot reach 127.0.0.1:18091");
    }

    @Test
    void timeoutSaysNoAnswer() {
        assertThat(NetworkFailures.describe(new SocketTimeoutException("timeout"), URL))
                .isEqualTo("127.0.0.1:18091 did not answer in time");
    }

    @Test
    void unknownHostSaysResolve() {
        assertThat(NetworkFailures.describe(new UnknownHostException("tollgate.invalid"), "http://tollgate.invalid:9090"))
                .isEqualTo("Cannot resolve the host name of tollgate.invalid:9090");
    }

    @Test
    void otherFailureHidesExceptionText() {
        assertThat(NetworkFailures.describe(new IOException("unexpected end of stream on http://127.0.0.1:18091/..."), URL))
                .isEqualTo("The connection to 127.0.0.1:18091 failed");
    }
}
