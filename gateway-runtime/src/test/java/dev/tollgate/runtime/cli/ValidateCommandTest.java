package dev.tollgate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    /** The sample document of the product documentation, which must be accepted as written. */
    static final String SAMPLE = """
            upstreams:
              - id: echo
                targets:
                  - url: http://127.0.0.1:9001
                    weight: 1
            routes:
              - id: public
                match: { paths: ["/public/**"] }
                upstream: echo
              - id: orders
                match: { paths: ["/api/orders/**"], methods: [GET, POST], hosts: ["api.example.test"] }
                upstream: echo
                rewrite: { stripPrefix: /api }
            """;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = TollgateCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void sampleDocumentIsValid(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("gateway.yaml"), SAMPLE);

        Run run = run("validate", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("valid: 2 routes, 1 upstream\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void everyViolationIsListedWithItsField(@TempDir Path directory) throws Exception {
        String invalid = SAMPLE.replace("upstream: echo\n    rewrite", "upstream: billing\n    rewrite")
                .replace("http://127.0.0.1:9001", "ftp://127.0.0.1:9001");
        Path file = Files.writeString(directory.resolve("gateway.yaml"), invalid);

        Run run = run("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("(2 problems)");
        assertThat(run.err().lines()).anyMatch(line -> line.startsWith("routes[1].upstream: unknown upstream \"billing\""));
        assertThat(run.err().lines()).anyMatch(line -> line.startsWith("upstreams[0].targets[0].url: "));
    }

    @Test
    void jsonDocumentIsReadAsJson(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("gateway.json"),
                "{\"upstreams\":[{\"id\":\"a\",\"targets\":[{\"url\":\"http://127.0.0.1:1\"}]}],\"routes\":[]}");

        Run run = run("validate", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("valid: 0 routes, 1 upstream\n");
    }

    @Test
    void malformedYamlIsInvalid(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("gateway.yaml"), "routes: [ {id: x");

        Run run = run("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("malformed document");
    }

    @Test
    void missingFileIsReported(@TempDir Path directory) {
        Run run = run("validate", directory.resolve("absent.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("config file " + directory.resolve("absent.yaml") + " not found\n");
    }

    @Test
    void versionIsPrinted() {
        Run run = run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("tollgate ");
    }

    @Test
    void missingCommandIsAUsageError() {
        Run run = run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing a command");
    }

    @Test
    void deviceFileIsRejectedWithoutReadingIt() {
        Run run = run("validate", "/dev/zero");

        assertThat(run.exitCode()).isEqualTo(ValidateCommand.INVALID);
        assertThat(run.err()).contains("the config file /dev/zero is not a regular file")
                .contains(String.valueOf(dev.tollgate.model.json.ConfigMapper.MAX_DOCUMENT_CHARS));
    }
}
