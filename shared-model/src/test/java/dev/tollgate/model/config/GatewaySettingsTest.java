package dev.tollgate.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.json.ConfigMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {

    @Test
    void unsetNamesRedactTheDefaults() {
        assertThat(GatewaySettings.DEFAULTS.redactedQueryParameters())
                .containsExactlyElementsOf(GatewaySettings.DEFAULT_SENSITIVE_QUERY_PARAMETERS);
    }

    @Test
    void configuredNamesAddToTheDefaults() {
        GatewaySettings settings = new GatewaySettings(null, List.of("Session", "token"), null);

        assertThat(settings.redactedQueryParameters()).contains("token", "api_key", "password", "session");
        assertThat(settings.redactedQueryParameters())
                .hasSize(GatewaySettings.DEFAULT_SENSITIVE_QUERY_PARAMETERS.size() + 1);
    }

    @Test
    void emptyListKeepsTheDefaults() {
        GatewaySettings settings = new GatewaySettings(null, List.of(), null);

        assertThat(settings.redactedQueryParameters())
                .containsExactlyElementsOf(GatewaySettings.DEFAULT_SENSITIVE_QUERY_PARAMETERS);
    }

    @Test
    void configuredListIsWrittenAsConfigured() {
        GatewaySettings settings = new GatewaySettings(null, List.of("session"), null);

        String json = ConfigMapper.toJson(settings);

        assertThat(json).contains("\"sensitiveQueryParameters\" : [ \"session\" ]");
        assertThat(json).doesNotContain("redactedQueryParameters");
    }
}
