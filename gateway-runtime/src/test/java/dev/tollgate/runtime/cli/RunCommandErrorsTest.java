package dev.tollgate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.store.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Common mistakes with {@code tollgate run}: one line naming the option and the fix, exit code 2. */
class RunCommandErrorsTest {

    @TempDir
    Path temp;

    record Run(int exitCode, String err) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = TollgateCommand.newCommandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, err.toString());
    }

    @Test
    void missingConfigFileNamesOption() {
        Path missing = temp.resolve("nope.yaml");

        Run run = run("run", "--config", missing.toString(), "--bind", "127.0.0.1", "--port", "0",
                "--admin-port", "-1", "--access-log", "off");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("config file " + missing + " not found (--config)\n");
    }

    @Test
    void portInUseNamesOptionAndFix() throws Exception {
        Path config = Files.writeString(temp.resolve("gateway.yaml"), TestConfigs.usersYaml());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Run run = run("run", "--config", config.toString(), "--bind", "127.0.0.1", "--port", String.valueOf(port),
                    "--admin-port", "-1", "--access-log", "off");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("cannot listen on 127.0.0.1:" + port + " (--port): address already in use;"
                    + " choose another port or stop the process using it\n");
        }
    }

    @Test
    void adminPortInUseNamesAdminOption() throws Exception {
        Path config = Files.writeString(temp.resolve("gateway.yaml"), TestConfigs.usersYaml());
        Path dataDir = temp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Run run = run("run", "--config", config.toString(), "--data-dir", dataDir.toString(), "--bind", "127.0.0.1",
                    "--port", "0", "--admin-bind", "127.0.0.1", "--admin-port", String.valueOf(port), "--access-log", "off");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + port + " (--admin-port): address already in use")
                    .doesNotContain("\tat ");
        }
    }
}
