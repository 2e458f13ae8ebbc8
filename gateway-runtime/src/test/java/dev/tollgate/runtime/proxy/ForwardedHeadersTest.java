package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.RawHttp;
import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import org.junit.jupiter.api.Test;

/** Forwarding headers are believed only from trusted proxies, judged by the TCP peer address. */
class ForwardedHeadersTest {

    private static final String SPOOFED_REQUEST = """
            GET /f HTTP/1.1\r
            Host: shop.test:8443\r
            Connection: close\r
            Forwarded: for=6.6.6.6;proto=https\r
            X-Forwarded-For: 6.6.6.6, 7.7.7.7\r
            X-Forwarded-Proto: https\r
            X-Forwarded-Host: evil.test\r
            X-Forwarded-Port: 1\r
            X-Real-IP: 6.6.6.6\r
            \r
            """;

    private static String received(TestGateway gateway) throws Exception {
        String response = RawHttp.exchange(gateway.port(), SPOOFED_REQUEST);
        assertThat(response).startsWith("HTTP/1.1 200");
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void untrustedPeerHeadersAreReplaced() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            String received = received(gateway);

            assertThat(received).contains("x-forwarded-for: 127.0.0.1\n");
            assertThat(received).contains("x-real-ip: 127.0.0.1\n");
            assertThat(received).contains("x-forwarded-proto: http\n");
            assertThat(received).contains("x-forwarded-host: shop.test:8443\n");
            assertThat(received).contains("x-forwarded-port: " + gateway.port() + "\n");
            assertThat(received).contains("forwarded: for=127.0.0.1;host=\"shop.test:8443\";proto=http\n");
            assertThat(received).doesNotContain("6.6.6.6").doesNotContain("7.7.7.7").doesNotContain("evil.test");
        }
    }

    @Test
    void trustedPeerHeadersAreAppended() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.start("gateway: { trustedProxies: [\"127.0.0.0/8\"] }\n"
                        + TestGateway.singleRoute(upstream.url()))) {
            String received = received(gateway);

            assertThat(received).contains("x-forwarded-for: 6.6.6.6, 7.7.7.7, 127.0.0.1\n");
            assertThat(received).contains("forwarded: for=6.6.6.6;proto=https, for=127.0.0.1;host=\"shop.test:8443\";proto=http\n");
            assertThat(received).contains("x-forwarded-proto: https\n");
            assertThat(received).contains("x-forwarded-host: evil.test\n");
            assertThat(received).contains("x-forwarded-port: 1\n");
            assertThat(received).contains("x-real-ip: 6.6.6.6\n");
        }
    }

    @Test
    void peerOutsideTrustedBlocksIsUntrusted() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.start("gateway: { trustedProxies: [\"10.0.0.0/8\", \"::1/128\"] }\n"
                        + TestGateway.singleRoute(upstream.url()))) {
            String received = received(gateway);

            assertThat(received).contains("x-forwarded-for: 127.0.0.1\n");
            assertThat(received).doesNotContain("6.6.6.6");
        }
    }
}
