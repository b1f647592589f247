package org.causalheads.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InfoMeasuresTest {

    private static final double TOL = 1e-12;

    @Test
    void tableAndFlatFormsAgree() {
        double[][] joint = {{0.2, 0.1, 0.05}, {0.05, 0.25, 0.05}, {0.1, 0.05, 0.15}};
        double[][] pi = {{0.6, 0.3, 0.1}, {0.2, 0.7, 0.1}, {0.3, 0.2, 0.5}};
        double[] jf = new double[9], pf = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                jf[a * 3 + b] = joint[a][b];
                pf[a * 3 + b] = pi[a][b];
            }
        }
        for (FDivergence f : new FDivergence[] {FDivergence.KL, FDivergence.CHI2}) {
            assertThat(InfoMeasures.fMutualInformation(f, joint)).isCloseTo(InfoMeasures.fMutualInformation(f, jf, 3, 3), within(TOL));
            for (KgForm form : KgForm.values()) {
                assertThat(InfoMeasures.kg(form, f, joint, pi)).isCloseTo(InfoMeasures.kg(form, f, jf, pf, 3, 3), within(TOL));
            }
            // with the candidate's own marginal as reference, the reference form is the variational form
            double[] pj = {0.35, 0.35, 0.3};
            assertThat(InfoMeasures.kgReference(f, joint, pi, pj))
                    .isCloseTo(InfoMeasures.kg(KgForm.VARIATIONAL, f, joint, pi), within(TOL));
        }
    }

    @Test
    void rectangularPairFollowingTheKernelScoresItsMutualInformationAndIndependenceScoresZero() {
        double[] m = {0.3, 0.7};
        double[][] pi = {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}}; // 2 parent states x 3 child states
        double[][] joint = new double[2][3];
        double[] pi0 = new double[3];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 3; b++) {
                joint[a][b] = m[a] * pi[a][b];
                pi0[b] += joint[a][b];
            }
        }
        for (FDivergence f : new FDivergence[] {FDivergence.KL, FDivergence.CHI2, FDivergence.HELLINGER}) {
            double kg = InfoMeasures.kgReference(f, joint, pi, m);
            assertThat(kg).isCloseTo(InfoMeasures.fMutualInformation(f, joint), within(1e-12)).isPositive();
            double[][] indep = new double[2][3];
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 3; b++) {
                    indep[a][b] = 0.5 * pi0[b];
                }
            }
            assertThat(InfoMeasures.kgReference(f, indep, pi, m)).isCloseTo(0.0, within(1e-12));
            // a candidate of the same child whose conditional is the kernel's with rows swapped scores less
            double[][] other = {joint[1].clone(), joint[0].clone()};
            assertThat(InfoMeasures.kgReference(f, other, pi, m)).isLessThan(kg);
        }
    }

    @Test
    void empiricalJointIsSmoothedAndRectangular() {
        int[] xj = {0, 1, 1, 0};
        int[] xi = {2, 0, 0, 1};
        double[][] p = InfoMeasures.empiricalJoint(xj, xi, 2, 3, 0.5);
        assertThat(p).hasNumberOfRows(2);
        assertThat(p[0]).hasSize(3);
        assertThat(p[1][0]).isCloseTo(2.5 / 7, within(TOL));
        assertThat(p[1][2]).isCloseTo(0.5 / 7, within(TOL));
    }

    @Test
    void badInputIsNamed() {
        double[][] joint = {{0.25, 0.25}, {0.25, 0.25}};
        assertThatThrownBy(() -> InfoMeasures.kg(KgForm.VARIATIONAL, FDivergence.KL, joint, new double[][] {{1, 0, 0}, {0, 1, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2×3").hasMessageContaining("2×2");
        assertThatThrownBy(() -> InfoMeasures.fMutualInformation(FDivergence.KL, new double[][] {{0.5, 0}, {0.25, 0.25}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> InfoMeasures.empiricalJoint(new int[] {0, 3}, new int[] {0, 1}, 2, 2, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample 1");
        assertThatThrownBy(() -> InfoMeasures.empiricalJoint(new int[] {0}, new int[] {0}, 2, 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
    }
}
