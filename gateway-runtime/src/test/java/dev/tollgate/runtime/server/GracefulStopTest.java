package dev.tollgate.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** Stopping the runtime lets exchanges in flight finish first. */
class GracefulStopTest {

    @Test
    void stopWaitsForExchangeInFlight() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        try (TestUpstream slow = TestUpstream.start(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                arrived.countDown();
                Thread.sleep(1_000);
                response.write(true, ByteBuffer.wrap("late but complete".getBytes()), callback);
                return true;
            }
        })) {
            TestGateway gateway = TestGateway.start(TestGateway.singleRoute(slow.url()));
            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(gateway.uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            gateway.close();

            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("late but complete");
        }
    }
}
