package dev.tollgate.runtime.telemetry;

import static dev.tollgate.runtime.telemetry.Exchanges.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.ConfigEvent;
import dev.tollgate.runtime.testing.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusExportTest {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Telemetry telemetry = new Telemetry(TelemetrySettings.DEFAULTS, clock, scheduler, "node-1");

    @BeforeEach
    void recordTraffic() {
        int[] latenciesMillis = {0, 1, 2, 3, 7, 40, 90, 300, 1_200, 70_000};
        for (int millis : latenciesMillis) {
            telemetry.onExchangeStarted("orders");
            telemetry.onExchangeCompleted(completed("orders", millis > 1_000 ? 504 : 200, Duration.ofMillis(millis)));
        }
        telemetry.onExchangeStarted("users");
        telemetry.onExchangeStarted("users");
        telemetry.onExchangeCompleted(completed("users", 404, Duration.ofMillis(5)));
        telemetry.onExchangeCompleted(completed(null, 404, Duration.ofMillis(1)));
        telemetry.onExchangeCompleted(Exchanges.failed("orders", 502, "upstream_unreachable"));
        telemetry.recordAuthFailure("missing_token");
        telemetry.recordAuthFailure("missing_token");
        telemetry.recordAuthFailure("quote\"back\\slash\nnewline");
        telemetry.onConfigChanged(new ConfigEvent(clock.instant(), 7, "hash", "token-1", "replace"));
        clock.advance(Duration.ofSeconds(1));
        telemetry.publishInterval();
    }

    @AfterEach
    void stop() {
        telemetry.close();
        scheduler.shutdownNow();
    }

    private String export() {
        return PrometheusExport.write(telemetry, telemetry.hub());
    }

    @Test
    void everyFamilyHasHelpAndTypeOnce() {
        Map<String, String> types = new HashMap<>();
        Map<String, Integer> helpLines = new HashMap<>();
        String currentFamily = null;
        for (String line : export().split("\n")) {
            if (line.startsWith("# HELP ")) {
                currentFamily = line.split(" ")[2];
                helpLines.merge(currentFamily, 1, Integer::sum);
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertThat(parts[2]).as("TYPE follows its HELP").isEqualTo(currentFamily);
                assertThat(types.put(parts[2], parts[3])).as("second TYPE for " + parts[2]).isNull();
            } else {
                Matcher sample = SAMPLE.matcher(line);
                assertThat(sample.matches()).as("sample line: " + line).isTrue();
                assertThat(sample.group(1)).as("sample belongs to the family above it").startsWith(currentFamily);
            }
        }

        assertThat(helpLines.values()).allMatch(count -> count == 1);
        assertThat(types).containsEntry("tollgate_requests_total", "counter")
                .containsEntry("tollgate_request_duration_seconds", "histogram")
                .containsEntry("tollgate_upstream_duration_seconds", "histogram")
                .containsEntry("tollgate_requests_in_flight", "gauge")
                .containsEntry("tollgate_config_revision", "gauge")
                .containsEntry("tollgate_admin_auth_failures_total", "counter")
                .containsEntry("tollgate_gateway_failures_total", "counter")
                .containsEntry("jvm_memory_heap_used_bytes", "gauge")
                .containsEntry("jvm_gc_collections_total", "counter")
                .containsEntry("jvm_threads_live", "gauge")
                .containsEntry("process_uptime_seconds", "gauge");
    }

    @Test
    void countersReportRoutesAndStatusClasses() {
        Map<String, Double> samples = samples(export());

        assertThat(samples).containsEntry("tollgate_requests_total{route=\"orders\",status_class=\"2xx\"}", 8.0)
                .containsEntry("tollgate_requests_total{route=\"orders\",status_class=\"5xx\"}", 3.0)
                .containsEntry("tollgate_requests_total{route=\"users\",status_class=\"4xx\"}", 1.0)
                .containsEntry("tollgate_requests_total{route=\"_unmatched\",status_class=\"4xx\"}", 1.0)
                .containsEntry("tollgate_requests_in_flight{route=\"users\"}", 1.0)
                .containsEntry("tollgate_requests_in_flight{route=\"orders\"}", 0.0)
                .containsEntry("tollgate_config_revision", 7.0)
                .containsEntry("tollgate_admin_auth_failures_total{reason=\"missing_token\"}", 2.0)
                .containsEntry("tollgate_gateway_failures_total{reason=\"upstream_unreachable\"}", 1.0);
    }

    @Test
    void requestCountsAndDurationCountAgreeBetweenIntervals() {
        telemetry.onExchangeStarted("orders");
        telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(3)));

        Map<String, Double> before = samples(export());
        assertThat(before).containsEntry("tollgate_requests_total{route=\"orders\",status_class=\"2xx\"}", 8.0);
        assertThat(before).containsEntry("tollgate_request_duration_seconds_count{route=\"orders\"}", 11.0);

        clock.advance(Duration.ofSeconds(1));
        telemetry.publishInterval();
        Map<String, Double> after = samples(export());
        assertThat(after).containsEntry("tollgate_requests_total{route=\"orders\",status_class=\"2xx\"}", 9.0);
        assertThat(after).containsEntry("tollgate_request_duration_seconds_count{route=\"orders\"}", 12.0);
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(export()).contains("tollgate_admin_auth_failures_total{reason=\"quote\\\"back\\\\slash\\nnewline\"} 1\n");
    }

    @Test
    void histogramBucketsAreCumulativeAndEndAtCount() {
        Map<String, Double> samples = samples(export());
        for (String family : List.of("tollgate_request_duration_seconds", "tollgate_upstream_duration_seconds")) {
            for (String route : List.of("orders", "users", "_unmatched")) {
                List<Double> buckets = new ArrayList<>();
                for (String le : LatencyBuckets.UPPER_BOUND_LABELS) {
                    buckets.add(samples.get(family + "_bucket{route=\"" + route + "\",le=\"" + le + "\"}"));
                }
                Double infinity = samples.get(family + "_bucket{route=\"" + route + "\",le=\"+Inf\"}");
                Double count = samples.get(family + "_count{route=\"" + route + "\"}");

                assertThat(buckets).as(family + " " + route).doesNotContainNull().isSorted();
                assertThat(infinity).as(family + " " + route + " +Inf").isEqualTo(count);
                assertThat(buckets.getLast()).isLessThanOrEqualTo(infinity);
            }
        }
    }

    @Test
    void durationBucketsPlaceKnownLatencies() {
        Map<String, Double> samples = samples(export());
        String orders = "tollgate_request_duration_seconds_bucket{route=\"orders\",le=\"%s\"}";

        // orders: 0, 1, 1 (the failed exchange), 2, 3, 7, 40, 90, 300, 1200 and 70000 ms.
        assertThat(samples.get(orders.formatted("0.001"))).isEqualTo(3.0);
        assertThat(samples.get(orders.formatted("0.0025"))).isEqualTo(4.0);
        assertThat(samples.get(orders.formatted("0.005"))).isEqualTo(5.0);
        assertThat(samples.get(orders.formatted("0.01"))).isEqualTo(6.0);
        assertThat(samples.get(orders.formatted("0.025"))).isEqualTo(6.0);
        assertThat(samples.get(orders.formatted("0.05"))).isEqualTo(7.0);
        assertThat(samples.get(orders.formatted("0.1"))).isEqualTo(8.0);
        assertThat(samples.get(orders.formatted("0.5"))).isEqualTo(9.0);
        assertThat(samples.get(orders.formatted("2.5"))).isEqualTo(10.0);
        assertThat(samples.get(orders.formatted("30"))).isEqualTo(10.0);
        assertThat(samples.get(orders.formatted("60"))).as("70 s is clamped to 60 s").isEqualTo(11.0);
        assertThat(samples.get("tollgate_request_duration_seconds_count{route=\"orders\"}")).isEqualTo(11.0);
        assertThat(samples.get("tollgate_request_duration_seconds_sum{route=\"orders\"}"))
                .isBetween(61.644 * 0.999, 61.644 * 1.001);
    }

    @Test
    void upstreamHistogramSkipsExchangesWithoutUpstream() {
        Map<String, Double> samples = samples(export());

        assertThat(samples.get("tollgate_upstream_duration_seconds_count{route=\"orders\"}")).isEqualTo(10.0);
    }

    @Test
    void metricsEndpointServesTextFormat() throws Exception {
        try (TelemetryServer server = new TelemetryServer(telemetry.endpoints());
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri(AdminPaths.METRICS)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(response.body()).contains("# TYPE tollgate_requests_total counter\n");
        }
    }

    @Test
    void metricsEndpointRejectsPost() throws Exception {
        try (TelemetryServer server = new TelemetryServer(telemetry.endpoints());
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri(AdminPaths.METRICS))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        }
    }

    @Test
    void outputPassesPromtool(@TempDir Path directory) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeThat(Files.isExecutable(promtool)).as("promtool (Debian package prometheus) is installed").isTrue();
        Path metrics = directory.resolve("metrics.txt");
        Files.writeString(metrics, export());

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectInput(metrics.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = check.waitFor(60, TimeUnit.SECONDS);

        assertThat(finished).as("promtool finished").isTrue();
        assertThat(output).as("promtool findings").isEmpty();
        assertThat(check.exitValue()).as("promtool exit status").isZero();
    }

    /** Parses sample lines into "name{labels}" keys with the label order kept. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            String labels = sample.group(3);
            if (labels != null) {
                Matcher label = LABEL.matcher(labels);
                int position = 0;
                while (label.find()) {
                    assertThat(label.start()).as("labels separated by commas in " + line)
                            .isEqualTo(position == 0 ? 0 : position + 1);
                    position = label.end();
                }
                assertThat(position).as("labels parse completely in " + line).isEqualTo(labels.length());
            }
            String key = sample.group(1) + (labels == null ? "" : "{" + labels + "}");
            samples.put(key, parseValue(sample.group(4)));
        }
        return samples;
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }
}
