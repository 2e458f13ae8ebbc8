package dev.tollgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.model.validation.ConfigValidator;
import dev.tollgate.runtime.cli.RunningGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's sample services behind a real gateway started the way the demo starts it. */
class DemoGatewayTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path demoDirectory;

    private static SampleUpstreams services;
    private static RunningGateway gateway;
    private static String adminToken;
    private static Path configFile;

    @BeforeAll
    static void startDemoGateway() throws Exception {
        services = SampleUpstreams.start(SampleUpstreams.demoServices(0), 9);
        Path dataDirectory = demoDirectory.resolve("data");
        adminToken = DemoToken.readOrCreate(demoDirectory.resolve("admin-token"), dataDirectory);
        configFile = Demo.writeConfigFile(demoDirectory, SampleConfig.forServices(services));
        gateway = Demo.startGateway(Demo.gatewayOptions(configFile, dataDirectory, 0, 0), adminToken);
    }

    @AfterAll
    static void stopDemoGateway() {
        if (gateway != null) {
            gateway.close();
        }
        if (services != null) {
            services.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI gatewayUri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.runtime().dataPort() + path);
    }

    @Test
    void sampleConfigIsValid() throws Exception {
        assertThat(ConfigValidator.validate(SampleConfig.forServices(services))).isEmpty();
        assertThat(ConfigValidator.validate(ConfigMapper.parseYaml(Files.readString(configFile)))).isEmpty();
    }

    @Test
    void ordersRouteReachesAnOrdersInstance() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gatewayUri("/api/orders/7")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsAnyOf("\"service\":\"orders-1\"", "\"service\":\"orders-2\"");
        assertThat(response.body()).contains("\"path\":\"/orders/7\"");
    }

    @Test
    void catalogRouteStripsApiPrefix() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gatewayUri("/api/catalog/items?page=2")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"service\":\"catalog\"");
        assertThat(response.body()).contains("\"path\":\"/catalog/items\"");
    }

    @Test
    void unknownPathGetsNotFound() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gatewayUri("/api/unknown/1")));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void adminApiAcceptsDemoToken() throws Exception {
        URI info = URI.create("http://127.0.0.1:" + gateway.runtime().adminPort() + "/admin/v1/info");

        HttpResponse<String> response = send(HttpRequest.newBuilder(info).header("Authorization", "Bearer " + adminToken));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"nodeId\" : \"demo\"");
    }

    @Test
    void adminApiRejectsOtherToken() throws Exception {
        URI info = URI.create("http://127.0.0.1:" + gateway.runtime().adminPort() + "/admin/v1/info");

        HttpResponse<String> response = send(HttpRequest.newBuilder(info).header("Authorization", "Bearer not-the-demo-token"));

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
