package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.RawHttp;
import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** {@code Expect: 100-continue} is decided by the upstream, end to end. */
class ExpectContinueTest {

    private static final String HEAD = "PUT /upload HTTP/1.1\r\nHost: gw.test\r\nContent-Length: 5\r\n"
            + "Expect: 100-continue\r\nConnection: close\r\n\r\n";

    @Test
    void upstreamContinueReachesClientBeforeBodyIsSent() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        // Reading makes the upstream's Jetty send 100 Continue.
                        String body = Content.Source.asString(request);
                        response.write(true, ByteBuffer.wrap(("stored " + body).getBytes()), callback);
                        return true;
                    }
                });
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()));
                RawHttp http = new RawHttp(gateway.port())) {
            http.send(HEAD);
            String interim = http.readAvailable(1_000);
            assertThat(interim).startsWith("HTTP/1.1 100 Continue\r\n").doesNotContain("HTTP/1.1 200");

            http.send("hello");
            String response = http.readAvailable(2_000);
            assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("stored hello");
        }
    }

    @Test
    void upstreamRejectionReachesClientWithoutContinue() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(new Handler.Abstract.NonBlocking() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) {
                        // Respond without reading: the upstream's Jetty then never sends 100.
                        response.setStatus(417);
                        response.write(true, ByteBuffer.wrap("too big".getBytes()), callback);
                        return true;
                    }
                });
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()));
                RawHttp http = new RawHttp(gateway.port())) {
            http.send(HEAD);
            String response = http.readAvailable(2_000);

            assertThat(response).startsWith("HTTP/1.1 417 ").doesNotContain("100 Continue").endsWith("too big");
        }
    }

    @Test
    void continueIsNotSentWhileUpstreamDecides() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        Thread.sleep(800);
                        String body = Content.Source.asString(request);
                        response.write(true, ByteBuffer.wrap(("stored " + body).getBytes()), callback);
                        return true;
                    }
                });
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()));
                RawHttp http = new RawHttp(gateway.port())) {
            http.send(HEAD);

            assertThat(http.readAvailable(400)).as("nothing before the upstream reads").isEmpty();
            assertThat(http.readAvailable(2_000)).startsWith("HTTP/1.1 100 Continue\r\n");
            http.send("hello");
            assertThat(http.readAvailable(2_000)).startsWith("HTTP/1.1 200 ").endsWith("stored hello");
        }
    }
}
