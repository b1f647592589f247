package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
