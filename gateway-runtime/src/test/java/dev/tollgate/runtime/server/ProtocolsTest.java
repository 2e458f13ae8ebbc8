package dev.tollgate.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients reach the data port over HTTP/1.1, h2c and TLS with ALPN. */
class ProtocolsTest {

    static TestUpstream upstream;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = TestUpstream.echo();
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        upstream.close();
    }

    @Test
    void h2cUpgradeIsServed() throws Exception {
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway.uri("/h2c")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("GET /h2c\n");
        }
    }

    @Test
    void h2cPriorKnowledgeIsAccepted() throws Exception {
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()));
                Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            // An empty SETTINGS frame: length 0, type 0x4, flags 0, stream 0.
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            out.flush();

            InputStream in = socket.getInputStream();
            byte[] frameHeader = in.readNBytes(9);
            assertThat(frameHeader).hasSize(9);
            assertThat(frameHeader[3]).as("the server's first frame is SETTINGS").isEqualTo((byte) 4);
        }
    }

    @Test
    void tlsNegotiatesHttp2WithAlpn(@TempDir Path directory) throws Exception {
        Path keystore = directory.resolve("gateway.p12");
        generateKeystore(keystore, "changeit");
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()),
                options -> options.withTls(new TlsSettings(keystore, "changeit")))) {
            URI uri = URI.create("https://127.0.0.1:" + gateway.port() + "/tls");

            HttpResponse<String> h2 = trustingClient(HttpClient.Version.HTTP_2).send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(h2.body()).startsWith("GET /tls\n").contains("x-forwarded-proto: https\n");

            HttpResponse<String> h1 = trustingClient(HttpClient.Version.HTTP_1_1).send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(h1.statusCode()).isEqualTo(200);
        }
    }

    static void generateKeystore(Path keystore, String password) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gateway", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("keytool: " + output).isZero();
        assertThat(Files.exists(keystore)).isTrue();
    }

    /** Builds a client that accepts the test's self-signed certificate. */
    static HttpClient trustingClient(HttpClient.Version version) throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        // The certificate names 127.0.0.1, so the client's default hostname check passes.
        return HttpClient.newBuilder().version(version).sslContext(context)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }
}
