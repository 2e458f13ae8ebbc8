package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.RawHttp;
import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** Hop-by-hop headers stop at the gateway in both directions. */
class HopByHopHeadersTest {

    @Test
    void requestHopByHopHeadersAreRemoved() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            String response = RawHttp.exchange(gateway.port(), """
                    GET /h HTTP/1.1\r
                    Host: gw.test\r
                    Connection: close, Upgrade, X-Secret, x-other\r
                    Keep-Alive: timeout=5\r
                    TE: trailers\r
                    Trailer: X-Checksum\r
                    Upgrade: foo-proto\r
                    Proxy-Authorization: Basic Zm9vOmJhcg==\r
                    Proxy-Connection: keep-alive\r
                    Proxy-Custom: 1\r
                    X-Secret: hidden\r
                    X-Other: hidden too\r
                    X-Kept: visible\r
                    \r
                    """);

            String received = response.substring(response.indexOf("\r\n\r\n") + 4).toLowerCase();
            assertThat(received).contains("x-kept: visible");
            assertThat(received).doesNotContain("x-secret").doesNotContain("x-other").doesNotContain("keep-alive:")
                    .doesNotContain("\nte:").doesNotContain("trailer:").doesNotContain("upgrade:")
                    .doesNotContain("proxy-").doesNotContain("foo-proto");
        }
    }

    @Test
    void connectionCannotRemoveGatewayHeaders() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            String response = RawHttp.exchange(gateway.port(), """
                    GET /h HTTP/1.1\r
                    Host: gw.test\r
                    Connection: close, X-Forwarded-For, X-Request-Id, Forwarded, X-Real-IP, X-Forwarded-Proto, Host\r
                    X-Request-Id: keep-me-1\r
                    \r
                    """);

            String received = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertThat(received).contains("x-forwarded-for: 127.0.0.1\n");
            assertThat(received).contains("x-forwarded-proto: http\n");
            assertThat(received).contains("x-real-ip: 127.0.0.1\n");
            assertThat(received).contains("forwarded: for=127.0.0.1;");
            assertThat(received).contains("x-request-id: keep-me-1\n");
            assertThat(received).contains("host: 127.0.0.1:" + upstream.port() + "\n");
        }
    }

    @Test
    void responseHopByHopHeadersAreRemoved() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(new Handler.Abstract.NonBlocking() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) {
                        response.getHeaders().put("Connection", "X-Internal");
                        response.getHeaders().put("X-Internal", "upstream secret");
                        response.getHeaders().put("Keep-Alive", "timeout=99");
                        response.getHeaders().put("Proxy-Authenticate", "Basic realm=x");
                        response.getHeaders().put("Trailer", "X-Sum");
                        response.getHeaders().put("Upgrade", "foo");
                        response.getHeaders().put("X-Public", "yes");
                        response.write(true, ByteBuffer.wrap("ok".getBytes()), callback);
                        return true;
                    }
                });
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            String response = RawHttp.exchange(gateway.port(), "GET /r HTTP/1.1\r\nHost: gw.test\r\nConnection: close\r\n\r\n");

            String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
            assertThat(head).startsWith("http/1.1 200");
            assertThat(head).contains("x-public: yes");
            assertThat(head).doesNotContain("x-internal").doesNotContain("keep-alive").doesNotContain("proxy-authenticate")
                    .doesNotContain("trailer").doesNotContain("upgrade");
        }
    }
}
