package dev.tollgate.runtime.testing;

import dev.tollgate.runtime.cli.TollgateCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tollgate run} in a separate JVM, started from the test class path, for tests that need
 * their own heap limit or signals. Its standard error is collected so tests can wait for log lines.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Pattern DATA_PORT = Pattern.compile("Data port listening on [^:]+:(\\d+)");

    private final Process process;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<String> stdout = new CopyOnWriteArrayList<>();

    private GatewayProcess(List<String> command) throws IOException {
        process = new ProcessBuilder(command).start();
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), stderr, "stderr");
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), stdout, "stdout");
    }

    /**
     * Starts {@code tollgate run --config configFile --bind 127.0.0.1 --port 0 --admin-port -1}
     * plus {@code extraArguments}, in a JVM with {@code maxHeap} (for example {@code 96m}).
     */
    public static GatewayProcess start(Path configFile, String maxHeap, String... extraArguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-cp");
        command.add(classPath());
        command.add(TollgateCommand.class.getName());
        command.addAll(List.of("run", "--config", configFile.toString(), "--bind", "127.0.0.1", "--port", "0",
                "--admin-port", "-1"));
        command.addAll(List.of(extraArguments));
        return new GatewayProcess(command);
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static void pump(BufferedReader reader, List<String> lines, String name) {
        Thread.ofPlatform().daemon().name("gateway-process-" + name).start(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading " + name + " failed: " + e + ")");
            }
        });
    }

    /** Waits until the gateway logged its data port and returns it. */
    public int awaitDataPort(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            for (String line : stderr) {
                Matcher matcher = DATA_PORT.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the gateway exited with " + process.exitValue() + ":\n" + String.join("\n", stderr));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the gateway did not report its port within " + timeoutMillis + " ms:\n" + String.join("\n", stderr));
    }

    /** Waits until a standard-error line contains {@code text}. */
    public boolean awaitStderr(String text, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (stderr.stream().anyMatch(line -> line.contains(text))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit and returns its exit code, or -1 when it is still running. */
    public int awaitExit(long timeoutMillis) throws InterruptedException {
        return process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Sends SIGHUP to the gateway. */
    public void sendSighup() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -HUP " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
