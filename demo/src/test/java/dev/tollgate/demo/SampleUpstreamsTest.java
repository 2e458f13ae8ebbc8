package dev.tollgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleUpstreamsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SampleUpstreams upstreams;

    @BeforeAll
    static void startServices() throws Exception {
        upstreams = SampleUpstreams.start(List.of(
                new SampleUpstreams.Spec("steady", 0, LatencyProfile.steady(0, 2)),
                new SampleUpstreams.Spec("broken", 0, new LatencyProfile(0, 1, 0, 0, 0, 1.0))), 42);
    }

    @AfterAll
    static void stopServices() {
        upstreams.close();
    }

    private static HttpResponse<String> get(String service, String path) throws Exception {
        URI uri = upstreams.uri(service).resolve(path);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void steadyServiceEchoesMethodAndPath() throws Exception {
        HttpResponse<String> response = get("steady", "/orders/42?x=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"service\":\"steady\"");
        assertThat(response.body()).contains("\"method\":\"GET\"");
        assertThat(response.body()).contains("\"path\":\"/orders/42\"");
    }

    @Test
    void postIsAnsweredWithCreated() throws Exception {
        URI uri = upstreams.uri("steady").resolve("/orders");
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{\"item\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void failingServiceAnswersServerErrors() throws Exception {
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = get("broken", "/anything/" + i);

            assertThat(response.statusCode()).isIn(500, 503);
            assertThat(response.body()).contains("simulated failure");
        }
    }

    @Test
    void healthCheckIsUpEvenWhenRequestsFail() throws Exception {
        HttpResponse<String> response = get("broken", SampleService.HEALTH_PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"up\"}");
    }

    @Test
    void servicesListenOnLoopbackOnly() {
        assertThat(upstreams.uri("steady").getHost()).isEqualTo("127.0.0.1");
        assertThat(upstreams.uri("broken").getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void unknownServiceNameIsRejected() {
        assertThatThrownBy(() -> upstreams.uri("missing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no sample service named \"missing\"");
    }

    @Test
    void portInUseFailsWithMessageNamingService() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<SampleUpstreams.Spec> specs = List.of(new SampleUpstreams.Spec("clash", taken.getLocalPort(), LatencyProfile.steady(0, 0)));

            assertThatThrownBy(() -> SampleUpstreams.start(specs, 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sample service clash failed to start on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
