package dev.tollgate.runtime.server;

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

/** The admin handler serves the admin port only; the data port never reaches it. */
class AdminPortTest {

    /** A blocking handler, as an admin API that reads its store would be. */
    static final class BlockingAdmin extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Thread.sleep(10);
            response.write(true, ByteBuffer.wrap(("admin " + request.getHttpURI().getPath()).getBytes()), callback);
            return true;
        }
    }

    @Test
    void requestsAreDispatchedByConnector() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.startConfigured(TestGateway.singleRoute(upstream.url()),
                        runtime -> runtime.setAdminHandler(new BlockingAdmin()));
                TestGateway withAdminPort = TestGateway.start(TestGateway.singleRoute(upstream.url()),
                        options -> options.withAdminPort(0))) {
            // The first gateway has no admin port: its data port proxies /admin like any path.
            String viaData = RawHttp.exchange(gateway.port(), "GET /admin/v1/info HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            assertThat(viaData).startsWith("HTTP/1.1 200 ").contains("GET /admin/v1/info\n").doesNotContain("admin /admin");

            assertThat(withAdminPort.runtime().adminPort()).isPositive();
            String adminWithoutHandler = RawHttp.exchange(withAdminPort.runtime().adminPort(),
                    "GET /admin/v1/info HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            assertThat(adminWithoutHandler).startsWith("HTTP/1.1 404 ");
        }
    }

    @Test
    void adminHandlerServesOnlyTheAdminPort() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.startConfiguredWithOptions(TestGateway.singleRoute(upstream.url()),
                        options -> options.withAdminPort(0), runtime -> runtime.setAdminHandler(new BlockingAdmin()))) {
            int adminPort = gateway.runtime().adminPort();
            assertThat(adminPort).isNotEqualTo(gateway.port());

            String admin = RawHttp.exchange(adminPort, "GET /admin/v1/info HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            assertThat(admin).startsWith("HTTP/1.1 200 ").endsWith("admin /admin/v1/info");

            String data = RawHttp.exchange(gateway.port(), "GET /admin/v1/info HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            assertThat(data).startsWith("HTTP/1.1 200 ").contains("GET /admin/v1/info\n");
        }
    }
}
