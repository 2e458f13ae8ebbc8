package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.telemetry.CompletedExchange;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    private static final Set<String> SENSITIVE = Set.of("token", "api_key");

    private static CompletedExchange exchange(String pathAndQuery, String failure) {
        return new CompletedExchange(1_700_000_000_123L, "req-1", "orders", "GET", pathAndQuery, 502, 12_345_678L, -1,
                "http://10.0.0.5:8080", null, null, null, 10, 2048, "192.0.2.7", failure);
    }

    @Test
    void lineIsOneJsonObjectWithEveryField() {
        String line = AccessLog.format(exchange("/orders/1?token=abc", "upstream_timeout"), SENSITIVE);

        assertThat(line).isEqualTo("{\"time\":\"2023-11-14T22:13:20.123Z\",\"requestId\":\"req-1\",\"route\":\"orders\","
                + "\"method\":\"GET\",\"path\":\"/orders/1?token=REDACTED\",\"target\":\"http://10.0.0.5:8080\","
                + "\"status\":502,\"latencyMs\":12.345,\"upstreamLatencyMs\":null,\"bytesIn\":10,\"bytesOut\":2048,"
                + "\"client\":\"192.0.2.7\",\"failure\":\"upstream_timeout\"}");
    }

    @Test
    void controlCharactersAreEscaped() {
        String line = AccessLog.format(exchange("/a\"b\\c\nd\u0001\u2028", null), SENSITIVE);

        assertThat(line).contains("\"path\":\"/a\\\"b\\\\c\\nd\\u0001\\u2028\"").doesNotContain("\n");
        assertThat(line).doesNotContain("failure");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/p|/p",
        "/p?a=1|/p?a=1",
        "/p?token=x|/p?token=REDACTED",
        "/p?a=1&TOKEN=x&b=2|/p?a=1&TOKEN=REDACTED&b=2",
        "/p?api_key=k1&api_key=k2|/p?api_key=REDACTED&api_key=REDACTED",
        "/p?token|/p?token",
        "/p?tokens=x|/p?tokens=x",
        "/p?a=1&token=|/p?a=1&token=REDACTED",
        "/p?tok%65n=SECRET|/p?tok%65n=REDACTED",
        "/p?%74%6F%6B%65%6E=SECRET&a=1|/p?%74%6F%6B%65%6E=REDACTED&a=1",
        "/p?api%5Fkey=SECRET|/p?api%5Fkey=REDACTED",
        "/p?api+key=x|/p?api+key=x",
        "/p?tok%6=SECRET|/p?tok%6=REDACTED"
    })
    void sensitiveQueryValuesAreRedacted(String raw, String expected) {
        assertThat(AccessLog.redactQuery(raw, SENSITIVE)).isEqualTo(expected);
    }
}
