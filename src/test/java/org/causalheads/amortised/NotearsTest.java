package org.causalheads.amortised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.causalheads.numeric.GradientCheck;
import org.causalheads.numeric.Rng;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class NotearsTest {

    private static final double FD_STEP = 1e-6;
    private static final double FD_TOL = 1e-6;

    private static DMatrixRMaj randomOffDiagonal(int d, long seed) {
        Rng rng = new Rng(seed);
        DMatrixRMaj w = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (i != j) {
                    // entries away from 0, so |W|_1 is differentiable at W
                    w.set(i, j, (rng.nextBoolean() ? 1 : -1) * (0.1 + 0.5 * rng.nextDouble()));
                }
            }
        }
        return w;
    }

    @Test
    void acyclicityIsZeroOnADagAndPositiveOnACycle() {
        LinearSem sem = Domains.of(Domains.Setting.SHARED_DAG, 6, 1.5, 1.0, 3).domain(0);
        DMatrixRMaj w = new DMatrixRMaj(sem.weights());
        assertThat(sem.edgeCount()).isPositive();
        assertThat(Acyclicity.value(w)).isCloseTo(0.0, within(1e-12));
        DMatrixRMaj cycle = new DMatrixRMaj(3, 3);
        cycle.set(0, 1, 0.5);
        cycle.set(1, 2, -0.7);
        cycle.set(2, 0, 0.9);
        assertThat(Acyclicity.value(cycle)).isGreaterThan(0.0);
        // two-cycle: h = tr(exp(M)) - 2 with M = [[0, a²], [b², 0]] is 2cosh(ab) - 2
        DMatrixRMaj two = new DMatrixRMaj(2, 2);
        two.set(0, 1, 0.8);
        two.set(1, 0, 1.1);
        assertThat(Acyclicity.value(two)).isCloseTo(2 * Math.cosh(0.8 * 1.1) - 2, within(1e-12));
    }

    @Test
    void acyclicityGradientMatchesFiniteDifferences() {
        DMatrixRMaj w = randomOffDiagonal(5, 11);
        DMatrixRMaj g = Acyclicity.of(w).gradient();
        GradientCheck check = GradientCheck.of(x -> Acyclicity.value(DMatrixRMaj.wrap(5, 5, x)), w.data, g.data, FD_STEP);
        assertThat(check.maxAbsoluteDifference()).as("gradient is not trivially zero").isGreaterThan(1e-3);
        assertThat(check.maxRelativeError()).as("%s", check).isLessThan(FD_TOL);
    }

    @Test
    void augmentedLagrangianGradientMatchesFiniteDifferences() {
        LinearSem sem = Domains.of(Domains.Setting.SHARED_DAG, 5, 1.0, 1.0, 2).domain(0);
        DMatrixRMaj s = Notears.secondMoments(sem.sample(40, 9));
        DMatrixRMaj w = randomOffDiagonal(5, 12);
        double rho = 7, alpha = 1.3, lambda1 = 0.1;
        DMatrixRMaj g = new DMatrixRMaj(5, 5);
        Notears.objective(s, w, rho, alpha, lambda1, g);
        // the diagonal is held at 0, where |W| is not differentiable
        GradientCheck check = GradientCheck.of(x -> Notears.objective(s, DMatrixRMaj.wrap(5, 5, x), rho, alpha, lambda1, null),
                w.data, g.data, FD_STEP, k -> k % 6 != 0);
        assertThat(check.maxAbsoluteDifference()).as("gradient is not trivially zero").isGreaterThan(1e-3);
        assertThat(check.maxRelativeError()).as("%s", check).isLessThan(FD_TOL);
    }

    @Test
    void lossIsTheLeastSquaresResidual() {
        LinearSem sem = Domains.of(Domains.Setting.SHARED_DAG, 4, 1.0, 1.0, 4).domain(0);
        DMatrixRMaj x = sem.sample(25, 3);
        DMatrixRMaj w = new DMatrixRMaj(sem.weights());
        double direct = 0;
        for (int r = 0; r < 25; r++) {
            for (int j = 0; j < 4; j++) {
                double pred = 0;
                for (int i = 0; i < 4; i++) {
                    pred += x.get(r, i) * w.get(i, j);
                }
                direct += Math.pow(x.get(r, j) - pred, 2);
            }
        }
        assertThat(Notears.loss(Notears.secondMoments(x), w)).isCloseTo(direct / (2 * 25), within(1e-10));
    }

    @Test
    void recoversASmallSemFromManySamples() {
        Domains fam = Domains.of(Domains.Setting.SHARED_ORDER, 5, 1.0, 1.0, 21);
        for (int k = 0; k < 3; k++) {
            LinearSem sem = fam.domain(k);
            NotearsResult r = Notears.fit(sem.sample(2000, 100 + k));
            assertThat(r.h()).isLessThan(1e-6);
            assertThat(sem.score(r.weights(), Notears.THRESHOLD).shd()).as("domain %d, %s", k, sem).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void theGraphDoesNotChangeUnderColumnOffsets() {
        Domains fam = Domains.of(Domains.Setting.SHARED_ORDER, 10, 1.5, 1.0, 5);
        for (int k = 0; k < 2; k++) {
            LinearSem sem = fam.domain(k);
            DMatrixRMaj x = sem.sample(1000, 40 + k);
            DMatrixRMaj shifted = x.copy();
            for (int i = 0; i < x.numRows; i++) {
                for (int j = 0; j < x.numCols; j++) {
                    shifted.set(i, j, x.get(i, j) + (j + 1)); // offsets +1 ... +10
                }
            }
            double[][] a = Notears.fit(x).thresholded(Notears.THRESHOLD);
            double[][] b = Notears.fit(shifted).thresholded(Notears.THRESHOLD);
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    assertThat(b[i][j] != 0).as("domain %d, edge %d -> %d", k, i, j).isEqualTo(a[i][j] != 0);
                }
            }
            assertThat(sem.score(b, Notears.THRESHOLD).shd()).isEqualTo(sem.score(a, Notears.THRESHOLD).shd());
            // the uncentred second moments are what made offsets matter: they differ, the covariances agree
            assertThat(Notears.secondMoments(shifted).get(0, 1)).isNotCloseTo(Notears.secondMoments(x).get(0, 1), within(0.5));
            DMatrixRMaj ca = Notears.centredMoments(x);
            DMatrixRMaj cb = Notears.centredMoments(shifted);
            for (int q = 0; q < ca.data.length; q++) {
                assertThat(cb.data[q]).isCloseTo(ca.data[q], within(1e-9));
            }
        }
    }

    @Test
    void thresholdZeroesSmallWeights() {
        NotearsResult r = new NotearsResult(new double[][] {{0, 0.2}, {-0.31, 0}}, 0, 1, 1, 1);
        assertThat(r.thresholded(0.3)[0][1]).isZero();
        assertThat(r.thresholded(0.3)[1][0]).isEqualTo(-0.31);
    }

    @Test
    void rejectsBadSettingsNamingTheValue() {
        assertThatThrownBy(() -> Notears.Config.defaults().withLambda1(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        DMatrixRMaj x = new DMatrixRMaj(3, 2);
        x.set(1, 1, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> Notears.fit(x)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }
}
