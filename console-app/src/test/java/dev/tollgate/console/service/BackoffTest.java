package dev.tollgate.console.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delayDoublesUpToTheCap() {
        Backoff backoff = new Backoff(500, 4_000);

        assertThat(backoff.delayMillis(1)).isEqualTo(500);
        assertThat(backoff.delayMillis(2)).isEqualTo(1_000);
        assertThat(backoff.delayMillis(4)).isEqualTo(4_000);
        assertThat(backoff.delayMillis(40)).isEqualTo(4_000);
    }

    @Test
    void invalidSettingsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> new Backoff(0, 10)).hasMessage("initialMillis must be greater than 0, was 0");
        assertThatThrownBy(() -> new Backoff(100, 10)).hasMessage("maxMillis must be at least initialMillis (100), was 10");
        assertThatThrownBy(() -> Backoff.DEFAULT.delayMillis(0)).hasMessage("attempt counts from 1, was 0");
    }
}
