package dev.tollgate.runtime.testing;

import dev.tollgate.runtime.server.RuntimeOptions;
import dev.tollgate.runtime.server.TollgateRuntime;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** A {@link TollgateRuntime} on 127.0.0.1 and a free port, serving a YAML document from a temporary file. */
public final class TestGateway implements AutoCloseable {

    private final Path directory;
    private final Path configFile;
    private final TollgateRuntime runtime;

    private TestGateway(String yaml, UnaryOperator<RuntimeOptions> customize, Consumer<TollgateRuntime> beforeStart)
            throws Exception {
        directory = Files.createTempDirectory("tollgate-test");
        configFile = directory.resolve("gateway.yaml");
        Files.writeString(configFile, yaml, StandardCharsets.UTF_8);
        runtime = new TollgateRuntime(customize.apply(RuntimeOptions.forTests().withConfigFile(configFile)));
        try {
            beforeStart.accept(runtime);
            runtime.start();
        } catch (Exception e) {
            runtime.close();
            throw e;
        }
    }

    public static TestGateway start(String yaml) throws Exception {
        return new TestGateway(yaml, UnaryOperator.identity(), runtime -> {});
    }

    public static TestGateway start(String yaml, UnaryOperator<RuntimeOptions> customize) throws Exception {
        return new TestGateway(yaml, customize, runtime -> {});
    }

    /** Starts a gateway with changed options, after {@code beforeStart} has configured its runtime. */
    public static TestGateway startConfiguredWithOptions(String yaml, UnaryOperator<RuntimeOptions> customize,
            Consumer<TollgateRuntime> beforeStart) throws Exception {
        return new TestGateway(yaml, customize, beforeStart);
    }

    /** Starts a gateway after {@code beforeStart} has configured its runtime. */
    public static TestGateway startConfigured(String yaml, Consumer<TollgateRuntime> beforeStart) throws Exception {
        return new TestGateway(yaml, UnaryOperator.identity(), beforeStart);
    }

    /** Returns a document with one upstream {@code backend} and one catch-all route {@code all}. */
    public static String singleRoute(String upstreamUrl) {
        return """
                upstreams:
                  - id: backend
                    targets: [{ url: "%s" }]
                routes:
                  - id: all
                    match: { paths: ["/**"] }
                    upstream: backend
                """.formatted(upstreamUrl);
    }

    public int port() {
        return runtime.dataPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public TollgateRuntime runtime() {
        return runtime;
    }

    public Path configFile() {
        return configFile;
    }

    /** Replaces the config file atomically, the way deployment tools do. */
    public void rewriteConfig(String yaml) throws Exception {
        Path temporary = directory.resolve("gateway.yaml.tmp");
        Files.writeString(temporary, yaml, StandardCharsets.UTF_8);
        Files.move(temporary, configFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws Exception {
        runtime.close();
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(directory);
    }
}
