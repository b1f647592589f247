package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClaimsTest {

    @Test
    void heldClaimsAreReportedWithTheirNumbers() {
        String r = Claims.check().that(0.5 > 0.1, "Δ = %.2f > %.1f", 0.5, 0.1).that(true, "F1 = %.3f", 1.0).report();
        assertThat(r).isEqualTo("Checked: Δ = 0.50 > 0.1; F1 = 1.000.");
    }

    @Test
    void aFailedClaimThrowsWithTheSameNumbers() {
        Claims c = Claims.check().that(true, "first");
        assertThatThrownBy(() -> c.that(3 < 2, "epochs %,d < %,d", 3000, 2000))
                .isInstanceOf(AssertionError.class).hasMessage("claim failed: epochs 3,000 < 2,000");
    }

    @Test
    void aClaimOverAllItemsNamesTheFirstItemItFailsOn() {
        List<Integer> xs = List.of(2, 4, 5, 7);
        assertThatThrownBy(() -> Claims.check().all(xs, x -> x % 2 == 0, x -> "x = " + x, "all %d numbers are even", xs.size()))
                .isInstanceOf(AssertionError.class).hasMessage("claim failed: all 4 numbers are even — fails for x = 5");
        assertThat(Claims.check().all(xs, x -> x > 0, x -> "x = " + x, "all positive").report()).isEqualTo("Checked: all positive.");
    }

    @Test
    void aClaimOverNoItemsHolds() {
        assertThat(Claims.check().all(List.<Integer>of(), x -> false, x -> "x", "vacuous").report()).isEqualTo("Checked: vacuous.");
    }

    @Test
    void reportedStatementsFollowTheCheckedOnesAndAreMarkedUnchecked() {
        Claims c = Claims.check().that(true, "a = %d", 1).reported("b = %.1f", 2.0);
        assertThat(c.report()).isEqualTo("Checked: a = 1. Reported, not checked: b = 2.0.");
        assertThat(c.lines()).isEqualTo("✓ a = 1\n· reported, not checked: b = 2.0");
        assertThat(Claims.check().that(true, "only").report()).isEqualTo("Checked: only.");
    }

    @Test
    void aClaimWithoutCounterexamplesHoldsAndOneWithThemListsThem() {
        assertThat(Claims.check().none(List.of(), "no mismatch in %d rows", 3).report()).isEqualTo("Checked: no mismatch in 3 rows.");
        assertThatThrownBy(() -> Claims.check().none(List.of("n=10", "n=30"), "no mismatch in %d rows", 3))
                .isInstanceOf(AssertionError.class).hasMessage("claim failed: no mismatch in 3 rows — fails for [n=10, n=30]");
    }

    @Test
    void aClaimWhosePremiseFailsIsReportedAsNotApplyingAndNotChecked() {
        Claims c = Claims.check().that(true, "a").given(false, "TV's critic jumps at r = 1", false, "ε falls with n (%d)", 3);
        assertThat(c.report()).isEqualTo("Checked: a. Does not apply: ε falls with n (3) — TV's critic jumps at r = 1.");
        assertThat(c.lines()).isEqualTo("✓ a\n– does not apply: ε falls with n (3) — TV's critic jumps at r = 1");
        assertThatThrownBy(() -> Claims.check().given(true, "why", false, "b = %d", 2))
                .isInstanceOf(AssertionError.class).hasMessage("claim failed: b = 2");
        assertThat(Claims.check().doesNotApply("c").report()).isEqualTo("Checked: nothing. Does not apply: c.");
    }

    @Test
    void requireRefusesAParameterValueNamingItAndTheRange() {
        Claims.require(true, "never shown");
        assertThatThrownBy(() -> Claims.require(1 >= 2, "T = %d: expected T ≥ K + 2 = %d", 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported parameter value: T = 1: expected T ≥ K + 2 = 2");
    }
}
