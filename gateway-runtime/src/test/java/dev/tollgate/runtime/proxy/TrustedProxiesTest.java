package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.1.2.3, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "192.168.1.0/25, 192.168.1.127, true",
        "192.168.1.0/25, 192.168.1.128, false",
        "127.0.0.1, 127.0.0.1, true",
        "127.0.0.1, 127.0.0.2, false",
        "0.0.0.0/0, 8.8.8.8, true",
        "fd00::/8, fd12::1, true",
        "fd00::/8, fe80::1, false",
        "::1/128, 127.0.0.1, false"
    })
    void blockContainsPeer(String cidr, String peer, boolean expected) {
        TrustedProxies proxies = TrustedProxies.parse(List.of(cidr));

        assertThat(proxies.contains(new InetSocketAddress(peer, 1234))).isEqualTo(expected);
    }

    @Test
    void invalidBlockIsRejectedWithItsValue() {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("example.com/8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example.com/8");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..32");
    }

    @Test
    void requestIdRules() {
        assertThat(RequestIds.isValid("a")).isTrue();
        assertThat(RequestIds.isValid("A-z_0.9:x")).isTrue();
        assertThat(RequestIds.isValid("")).isFalse();
        assertThat(RequestIds.isValid("has space")).isFalse();
        assertThat(RequestIds.isValid("x".repeat(129))).isFalse();
        assertThat(RequestIds.generate()).matches("[0-9a-f]{32}").isNotEqualTo(RequestIds.generate());
    }
}
