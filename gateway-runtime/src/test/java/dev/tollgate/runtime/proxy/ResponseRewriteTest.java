package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.RawHttp;
import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** Per route, Location and cookie domains that name the upstream are rewritten to the gateway. */
class ResponseRewriteTest {

    private static TestUpstream redirectingUpstream(String[] holder) throws Exception {
        return TestUpstream.start(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(302);
                response.getHeaders().put("Location", holder[0] + "/orders/42?view=full");
                response.getHeaders().put("Content-Location", "/orders/42");
                response.getHeaders().add("Set-Cookie", "session=abc; Path=/; Domain=127.0.0.1; HttpOnly");
                response.getHeaders().add("Set-Cookie", "plain=1; Path=/");
                callback.succeeded();
                return true;
            }
        });
    }

    private static String yaml(String upstreamUrl, String responseRewrite) {
        return """
                upstreams:
                  - id: backend
                    targets: [{ url: "%s" }]
                routes:
                  - id: api
                    match: { paths: ["/api/**"] }
                    upstream: backend
                    rewrite: { stripPrefix: /api }
                %s""".formatted(upstreamUrl, responseRewrite);
    }

    @Test
    void locationAndCookieDomainAreRewritten() throws Exception {
        String[] upstreamUrl = new String[1];
        try (TestUpstream upstream = redirectingUpstream(upstreamUrl);
                TestGateway gateway = TestGateway.start(yaml(upstream.url(),
                        "    responseRewrite: { location: true, cookieDomain: true }\n"))) {
            upstreamUrl[0] = upstream.url();
            String response = RawHttp.exchange(gateway.port(),
                    "GET /api/orders HTTP/1.1\r\nHost: shop.test:8080\r\nConnection: close\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 302");
            assertThat(response).contains("Location: http://shop.test:8080/api/orders/42?view=full\r\n");
            assertThat(response).contains("Content-Location: /orders/42\r\n");
            assertThat(response).contains("Set-Cookie: session=abc; Path=/; Domain=shop.test; HttpOnly\r\n");
            assertThat(response).contains("Set-Cookie: plain=1; Path=/\r\n");
        }
    }

    @Test
    void withoutResponseRewriteHeadersPassUnchanged() throws Exception {
        String[] upstreamUrl = new String[1];
        try (TestUpstream upstream = redirectingUpstream(upstreamUrl);
                TestGateway gateway = TestGateway.start(yaml(upstream.url(), ""))) {
            upstreamUrl[0] = upstream.url();
            String response = RawHttp.exchange(gateway.port(),
                    "GET /api/orders HTTP/1.1\r\nHost: shop.test:8080\r\nConnection: close\r\n\r\n");

            assertThat(response).contains("Location: " + upstream.url() + "/orders/42?view=full\r\n");
            assertThat(response).contains("Domain=127.0.0.1");
        }
    }

    @Test
    void locationOfAnotherHostIsKept() {
        assertThat(ResponseRewriter.rewriteCookieDomain("a=b; domain=.example.com; Secure", "gw.test"))
                .isEqualTo("a=b; domain=gw.test; Secure");
        assertThat(ResponseRewriter.rewriteCookieDomain("a=b", "gw.test")).isEqualTo("a=b");
    }
}
