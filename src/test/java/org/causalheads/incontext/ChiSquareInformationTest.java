package org.causalheads.incontext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChiSquareInformationTest {

    /** The definition, Σ_{P(a)P(b) > 0} P(a,b)² / (P(a)P(b)) − 1, written out. */
    private static double byDefinition(double[] joint, int s) {
        double[] pa = new double[s], pb = new double[s];
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                pa[a] += joint[a * s + b];
                pb[b] += joint[a * s + b];
            }
        }
        double acc = 0;
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                if (pa[a] > 0 && pb[b] > 0) {
                    acc += joint[a * s + b] * joint[a * s + b] / (pa[a] * pb[b]);
                }
            }
        }
        return acc - 1;
    }

    @Test
    void matchesTheDefinitionWhenAStateNeverOccurs() {
        // state 2 never occurs at the first position, state 0 never at the second; one cell inside is zero too
        double[] joint = {0, 0.3, 0.1,
                          0, 0.0, 0.6,
                          0, 0.0, 0.0};
        assertThat(ChiSquareInformation.chiSquare(joint, 3)).isCloseTo(byDefinition(joint, 3), within(1e-12)).isPositive();
    }

    @Test
    void matchesTheDefinitionOnAFullJointAndIsZeroForAProduct() {
        double[] full = {0.2, 0.1, 0.05, 0.15, 0.3, 0.2, 0.0, 0.0, 0.0};   // 3×3 with an empty last row
        assertThat(ChiSquareInformation.chiSquare(full, 3)).isCloseTo(byDefinition(full, 3), within(1e-12));
        double[] p = {0.5, 0.3, 0.2}, product = new double[9];
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) product[a * 3 + b] = p[a] * p[b];
        assertThat(ChiSquareInformation.chiSquare(product, 3)).isCloseTo(0, within(1e-12));
    }
}
