package dev.tollgate.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionMapTest {

    @Test
    void findsKeyByRegion() {
        RegionMap<Integer> map = RegionMap.copyOf(Map.of("api", 1, "orders", 2, "", 3), false);

        assertThat(map.get("/api/orders", 1, 4)).isEqualTo(1);
        assertThat(map.get("/api/orders", 5, 11)).isEqualTo(2);
        assertThat(map.get("/api/orders", 4, 4)).isEqualTo(3);
        assertThat(map.get("/api/orders", 1, 3)).isNull();
        assertThat(map.get("/API/orders", 1, 4)).isNull();
    }

    @Test
    void ignoresAsciiCaseOnlyWhenAsked() {
        RegionMap<String> map = RegionMap.copyOf(Map.of("key.example.test", "hit"), true);

        assertThat(map.get("KEY.Example.TEST", 0, 16)).isEqualTo("hit");
        assertThat(map.get("\u212Aey.example.test", 0, 16)).isNull();
    }

    @Test
    void findsEachOfManyKeys() {
        Map<String, Integer> entries = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            entries.put("segment" + i, i);
        }
        RegionMap<Integer> map = RegionMap.copyOf(entries, false);

        for (int i = 0; i < 5_000; i++) {
            String path = "/segment" + i + "/x";
            assertThat(map.get(path, 1, path.length() - 2)).isEqualTo(i);
        }
        assertThat(map.get("/segment5000", 1, 12)).isNull();
    }

    @Test
    void emptyMapFindsNothing() {
        RegionMap<Integer> map = RegionMap.copyOf(Map.of(), false);

        assertThat(map.isEmpty()).isTrue();
        assertThat(map.get("/", 0, 0)).isNull();
        assertThat(map.get("/a", 1, 2)).isNull();
    }

    @Test
    void caseOnlyDuplicateIsRejected() {
        Map<String, Integer> entries = new HashMap<>();
        entries.put("a.test", 1);
        entries.put("A.test", 2);

        assertThatThrownBy(() -> RegionMap.copyOf(entries, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate key");
    }
}
