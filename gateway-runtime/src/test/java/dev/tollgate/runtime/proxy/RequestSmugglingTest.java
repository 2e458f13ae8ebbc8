package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.RawHttp;
import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ambiguous message framing (RFC 9112 sections 6.1, 6.3 and 7.1) gets 400 and a closed
 * connection, so no second request can hide in the first one's body.
 */
class RequestSmugglingTest {

    static TestUpstream upstream;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        // The upstream reads the whole body before responding, as applications taking a POST do,
        // so a malformed body is noticed before any response starts.
        upstream = TestUpstream.start(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request);
                response.write(true, ByteBuffer.wrap(("read " + body.length() + " bytes").getBytes()), callback);
                return true;
            }
        });
        gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    static Stream<Arguments> smugglingVectors() {
        String smuggled = "GET /smuggled HTTP/1.1\r\nHost: gw.test\r\n\r\n";
        return Stream.of(
                Arguments.of("content-length with transfer-encoding",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled),
                Arguments.of("transfer-encoding with content-length",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding: chunked\r\nContent-Length: 40\r\n\r\n0\r\n\r\n" + smuggled),
                Arguments.of("two differing content-lengths",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!" + smuggled),
                Arguments.of("duplicate content-length",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello" + smuggled),
                Arguments.of("content-length list",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nContent-Length: 5, 5\r\n\r\nhello" + smuggled),
                Arguments.of("signed content-length",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nContent-Length: +5\r\n\r\nhello" + smuggled),
                Arguments.of("transfer-encoding not ending in chunked",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" + smuggled),
                Arguments.of("obfuscated transfer-encoding",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n" + smuggled),
                Arguments.of("hex-prefixed chunk size",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n" + smuggled),
                Arguments.of("signed chunk size",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\nhello\r\n0\r\n\r\n" + smuggled),
                Arguments.of("negative chunk size",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n" + smuggled),
                Arguments.of("overflowing chunk size",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000005\r\nhello\r\n0\r\n\r\n" + smuggled),
                Arguments.of("chunk size with trailing garbage",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding: chunked\r\n\r\n5g\r\nhello\r\n0\r\n\r\n" + smuggled),
                Arguments.of("chunk data longer than its size",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n" + smuggled),
                Arguments.of("bare LF chunk terminator",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\n0\n\n" + smuggled),
                Arguments.of("bare LF header lines",
                        "GET /a HTTP/1.1\nHost: gw.test\nX-A: 1\n\n" + smuggled),
                Arguments.of("bare LF after a CRLF line",
                        "GET /a HTTP/1.1\r\nHost: gw.test\nContent-Length: 5\r\n\r\nhello" + smuggled),
                Arguments.of("whitespace before a header colon",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nContent-Length : 5\r\n\r\nhello" + smuggled),
                Arguments.of("whitespace before transfer-encoding colon",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + smuggled),
                Arguments.of("obs-fold header",
                        "GET /a HTTP/1.1\r\nHost: gw.test\r\nX-Folded: a\r\n b\r\n\r\n" + smuggled),
                Arguments.of("obs-fold into transfer-encoding",
                        "POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding:\r\n chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + smuggled),
                Arguments.of("header name without colon",
                        "GET /a HTTP/1.1\r\nHost: gw.test\r\nX-NoColon\r\n\r\n" + smuggled),
                Arguments.of("two host headers",
                        "GET /a HTTP/1.1\r\nHost: gw.test\r\nHost: other.test\r\n\r\n" + smuggled));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smugglingVectors")
    void ambiguousFramingGets400AndClose(String vector, String request) throws Exception {
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send(request);
            String response = http.readAvailable(2_000);

            assertThat(response).as(vector).startsWith("HTTP/1.1 400 ");
            assertThat(response).as(vector + ": problem body").contains("Content-Type: application/problem+json");
            assertThat(response).as(vector + ": only one response").containsOnlyOnce("HTTP/1.1 ");
            assertThat(http.isClosedByPeer(2_000)).as(vector + ": connection closed").isTrue();
        }
    }

    @Test
    void validChunkExtensionIsNotSmuggling() throws Exception {
        // RFC 9112 section 7.1.1 allows whitespace and extensions after the size; the size is still 5.
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send("POST /a HTTP/1.1\r\nHost: gw.test\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "5 ; ext=1\r\nhello\r\n0\r\n\r\n");
            String response = http.readAvailable(2_000);

            assertThat(response).startsWith("HTTP/1.1 200 ").containsOnlyOnce("HTTP/1.1 ").endsWith("read 5 bytes");
        }
    }
}
