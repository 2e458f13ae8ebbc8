package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.RawHttp;
import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The upstream receives the client's raw path and query unless a rewrite applies. */
class RawPathTest {

    static TestUpstream upstream;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = TestUpstream.echo();
        gateway = TestGateway.start("""
                upstreams:
                  - id: backend
                    targets: [{ url: "%s" }]
                routes:
                  - id: api
                    match: { paths: ["/api/**"] }
                    upstream: backend
                    rewrite: { stripPrefix: /api }
                  - id: raw
                    match: { paths: ["/raw/**"] }
                    upstream: backend
                  - id: exact
                    match: { paths: ["/apix"] }
                    upstream: backend
                    rewrite: { replacePrefix: { from: /apix, to: /x-only } }
                  - id: template
                    match: { paths: ["/tpl/{id}"] }
                    upstream: backend
                    rewrite: { template: "/v2/{id}" }
                """.formatted(upstream.url()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    private static String upstreamTargetOf(String requestTarget) throws Exception {
        String response = RawHttp.exchange(gateway.port(),
                "GET " + requestTarget + " HTTP/1.1\r\nHost: gw.test\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        return body.substring(body.indexOf(' ') + 1, body.indexOf('\n'));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/raw/a%20b",
        "/raw/a+b?q=a+b&r=%20",
        "/raw/a%2Fb/c",
        "/raw/%7Euser/caf%C3%A9",
        "/raw/a;matrix=1/b",
        "/raw/x?empty=&flag&enc=%26%3D",
        "/raw/UPPER%2fcase"
    })
    void rawTargetIsForwardedByteForByte(String target) throws Exception {
        assertThat(upstreamTargetOf(target)).isEqualTo(target);
    }

    @ParameterizedTest
    @CsvSource({
        "/api/orders, /orders",
        "/api/orders/7?sort=desc, /orders/7?sort=desc",
        "/api, /",
        "/api?x=1, /?x=1",
        "/api/, /",
        "/api/a%20b?q=%20, /a%20b?q=%20"
    })
    void stripPrefixLeavesOneSlash(String target, String expected) throws Exception {
        assertThat(upstreamTargetOf(target)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "/apix, /x-only",
        "/apix?a=b, /x-only?a=b"
    })
    void prefixMatchesWholeSegments(String target, String expected) throws Exception {
        // /apix must not be taken by the /api/** route and stripped to "x".
        assertThat(upstreamTargetOf(target)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/raw/../../etc/passwd", "/raw/%2e%2e/%2e%2e/secret", "/.."})
    void pathAboveRootGets400(String target) throws Exception {
        String response = RawHttp.exchange(gateway.port(),
                "GET " + target + " HTTP/1.1\r\nHost: gw.test\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400");
    }

    @ParameterizedTest
    @CsvSource({
        "/raw/x/../y, /raw/x/../y",
        "/other/../raw/z, /other/../raw/z"
    })
    void dotSegmentsRouteOnNormalisedPathButForwardRaw(String target, String expected) throws Exception {
        assertThat(upstreamTargetOf(target)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/..%2fadmin",
        "/api/..%2Fadmin",
        "/api/%2E%2E%2Fadmin",
        "/raw/..%2F..%2Fadmin",
        "/tpl/..%2F..%2Fadmin"
    })
    void dotSegmentBesideEncodedSlashGets400(String target) throws Exception {
        String response = RawHttp.exchange(gateway.port(),
                "GET " + target + " HTTP/1.1\r\nHost: gw.test\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).contains("encoded separator");
    }

    @ParameterizedTest
    @CsvSource({
        "/api/a%2Fb, /a%2Fb",
        "/tpl/a%2F..b, /v2/a%2F..b"
    })
    void encodedSlashWithoutDotSegmentIsForwarded(String target, String expected) throws Exception {
        assertThat(upstreamTargetOf(target)).isEqualTo(expected);
    }
}
