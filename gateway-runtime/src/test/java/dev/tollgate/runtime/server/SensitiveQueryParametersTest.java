package dev.tollgate.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.proxy.AccessLog;
import dev.tollgate.runtime.testing.TestGateway;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensitiveQueryParametersTest {

    @Test
    void configuredNameAddsToTheDefaults() throws Exception {
        String yaml = TestGateway.singleRoute("http://127.0.0.1:9") + """
                gateway:
                  sensitiveQueryParameters: [Session]
                """;
        try (TestGateway gateway = TestGateway.start(yaml)) {
            Set<String> redacted = gateway.runtime().applier().get().sensitiveQueryParameters();

            assertThat(redacted).contains("session", "token", "api_key");
            assertThat(AccessLog.redactQuery("/x?session=s&token=t&api_key=k&page=2", redacted))
                    .isEqualTo("/x?session=REDACTED&token=REDACTED&api_key=REDACTED&page=2");
        }
    }
}
