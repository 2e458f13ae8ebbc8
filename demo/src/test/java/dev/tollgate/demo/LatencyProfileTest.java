package dev.tollgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyProfileTest {

    @Test
    void steadyDelaysStayWithinRange() {
        LatencyProfile profile = LatencyProfile.steady(5, 80);
        SplittableRandom random = new SplittableRandom(7);

        for (int i = 0; i < 10_000; i++) {
            assertThat(profile.pickDelayMillis(random)).isBetween(5L, 80L);
        }
    }

    @Test
    void steadyProfileNeverFails() {
        LatencyProfile profile = LatencyProfile.steady(1, 2);
        SplittableRandom random = new SplittableRandom(7);

        for (int i = 0; i < 10_000; i++) {
            assertThat(profile.pickFailure(random)).isFalse();
        }
    }

    @Test
    void slowTailAndErrorsOccurNearTheirFractions() {
        LatencyProfile profile = new LatencyProfile(10, 40, 0.05, 300, 1_200, 0.03);
        SplittableRandom random = new SplittableRandom(11);
        int draws = 100_000;
        int slow = 0;
        int failures = 0;

        for (int i = 0; i < draws; i++) {
            long delay = profile.pickDelayMillis(random);
            assertThat(delay).satisfiesAnyOf(d -> assertThat(d).isBetween(10L, 40L), d -> assertThat(d).isBetween(300L, 1_200L));
            if (delay >= 300) {
                slow++;
            }
            if (profile.pickFailure(random)) {
                failures++;
            }
        }

        assertThat(slow / (double) draws).isBetween(0.04, 0.06);
        assertThat(failures / (double) draws).isBetween(0.02, 0.04);
    }

    @Test
    void invertedRangeIsRejected() {
        assertThatThrownBy(() -> LatencyProfile.steady(50, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minMillis must be at least 0 and at most maxMillis, was 50 and 10");
    }

    @Test
    void fractionAboveOneIsRejected() {
        assertThatThrownBy(() -> new LatencyProfile(1, 2, 0, 0, 0, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("errorFraction must be between 0 and 1, was 1.5");
    }
}
