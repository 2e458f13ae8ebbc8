package dev.tollgate.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.runtime.store.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSummaryTest {

    @Test
    void countsUseSingularAndPlural() {
        assertThat(ConfigSummary.describe(TestConfigs.users())).isEqualTo("1 route, 1 upstream");
        assertThat(ConfigSummary.describe(TestConfigs.withRoutes(1))).isEqualTo("2 routes, 1 upstream");
        assertThat(ConfigSummary.describe(TestConfigs.users().withRoutes(List.of()))).isEqualTo("0 routes, 1 upstream");
        assertThat(ConfigSummary.describe(GatewayConfig.empty())).isEqualTo("0 routes, 0 upstreams");
    }
}
