package org.causalheads.amortised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.causalheads.numeric.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class ExpmTest {

    private static final double TOL = 1e-11;

    @Test
    void diagonalMatrixExponentiatesEntrywise() {
        DMatrixRMaj a = CommonOps_DDRM.diag(0.3, -2.0, 4.5);
        DMatrixRMaj e = Expm.expm(a);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double want = i == j ? Math.exp(a.get(i, i)) : 0.0;
                assertThat(e.get(i, j)).isCloseTo(want, within(TOL * Math.max(1, want)));
            }
        }
    }

    @Test
    void nilpotentMatrixMatchesItsFiniteSeries() {
        // strictly upper triangular: N^4 = 0, so exp(N) = I + N + N²/2 + N³/6 exactly
        DMatrixRMaj n = new DMatrixRMaj(new double[][] {{0, 1.5, -2, 3}, {0, 0, 0.7, 1}, {0, 0, 0, -4}, {0, 0, 0, 0}});
        DMatrixRMaj series = CommonOps_DDRM.identity(4);
        DMatrixRMaj term = CommonOps_DDRM.identity(4);
        for (int k = 1; k <= 3; k++) {
            DMatrixRMaj next = new DMatrixRMaj(4, 4);
            CommonOps_DDRM.mult(1.0 / k, term, n, next);
            term = next;
            CommonOps_DDRM.addEquals(series, term);
        }
        DMatrixRMaj e = Expm.expm(n);
        for (int k = 0; k < 16; k++) {
            assertThat(e.data[k]).isCloseTo(series.data[k], within(TOL * 10));
        }
    }

    @Test
    void rotationGeneratorGivesRotationThroughTheSquaringPath() {
        double t = 7.3; // norm well above 1/2, so the matrix is scaled and squared
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0, -t}, {t, 0}});
        DMatrixRMaj e = Expm.expm(a);
        assertThat(e.get(0, 0)).isCloseTo(Math.cos(t), within(1e-10));
        assertThat(e.get(0, 1)).isCloseTo(-Math.sin(t), within(1e-10));
        assertThat(e.get(1, 0)).isCloseTo(Math.sin(t), within(1e-10));
        assertThat(e.get(1, 1)).isCloseTo(Math.cos(t), within(1e-10));
    }

    @Test
    void exponentialOfMinusAIsTheInverse() {
        Rng rng = new Rng(5);
        DMatrixRMaj a = new DMatrixRMaj(6, 6);
        for (int k = 0; k < 36; k++) {
            a.data[k] = 2 * rng.nextDouble() - 1;
        }
        DMatrixRMaj minus = a.copy();
        CommonOps_DDRM.scale(-1, minus);
        DMatrixRMaj prod = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.mult(Expm.expm(a), Expm.expm(minus), prod);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertThat(prod.get(i, j)).isCloseTo(i == j ? 1.0 : 0.0, within(1e-10));
            }
        }
    }

    @Test
    void rejectsNonSquareAndNonFinite() {
        assertThatThrownBy(() -> Expm.expm(new DMatrixRMaj(2, 3))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x3");
        DMatrixRMaj bad = new DMatrixRMaj(2, 2);
        bad.set(0, 1, Double.NaN);
        assertThatThrownBy(() -> Expm.expm(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    }
}
