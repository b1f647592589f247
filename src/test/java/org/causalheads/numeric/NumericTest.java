package org.causalheads.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

import org.junit.jupiter.api.Test;

/** Definitions and properties of the numeric routines. */
class NumericTest {

    @Test
    void dirichletAtTinyConcentrationIsAPositiveProbabilityVector() {
        Rng rng = new Rng(1);
        for (int r = 0; r < 200; r++) {
            double[] p = rng.nextDirichlet(6, 0.01);
            double sum = 0;
            for (double v : p) {
                assertThat(v).isGreaterThanOrEqualTo(0.0).isNotNaN();
                sum += v;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void gammaAndNormalHaveTheirMoments() {
        Rng rng = new Rng(2);
        int n = 200_000;
        double g = 0;
        double z = 0;
        double z2 = 0;
        for (int k = 0; k < n; k++) {
            g += rng.nextGamma(0.3);
            double x = rng.nextGaussian();
            z += x;
            z2 += x * x;
        }
        // Gamma(a, 1) has mean a (sd 0.3^½/√n ≈ 0.0012); N(0, 1) mean 0, variance 1
        assertThat(g / n).isCloseTo(0.3, within(0.01));
        assertThat(z / n).isCloseTo(0.0, within(0.01));
        assertThat(z2 / n).isCloseTo(1.0, within(0.02));
    }

    @Test
    void categoricalAndCumulativeDrawsFollowTheDistribution() {
        double[] p = {0.1, 0.6, 0.3};
        double[] cdf = Rng.cumulative(p);
        Rng a = new Rng(3);
        Rng b = new Rng(3);
        int[] counts = new int[3];
        int n = 100_000;
        for (int k = 0; k < n; k++) {
            int x = a.nextCategorical(p);
            assertThat(b.nextFromCumulative(cdf)).as("same uniform, same index").isEqualTo(x);
            counts[x]++;
        }
        for (int x = 0; x < 3; x++) {
            assertThat(counts[x] / (double) n).isCloseTo(p[x], within(0.01));
        }
    }

    @Test
    void splitStreamsDifferAndAreReproducible() {
        Rng a = new Rng(4).split();
        Rng b = new Rng(4).split();
        Rng c = new Rng(4);
        assertThat(a.nextLong()).isEqualTo(b.nextLong()).isNotEqualTo(c.nextLong());
    }

    @Test
    void badShapesAreRejectedWithTheValue() {
        Rng rng = new Rng(5);
        assertThatThrownBy(() -> rng.nextGamma(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0");
        assertThatThrownBy(() -> rng.nextDirichlet(3, -1)).hasMessageContaining("-1.0");
    }

    @Test
    void softmaxIsAShiftInvariantProbabilityVector() {
        double[] z = {1000, 1001, 999};
        double[] p = Softmax.of(z);
        double[] q = Softmax.of(new double[] {0, 1, -1});
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-15));
        for (int i = 0; i < 3; i++) {
            assertThat(p[i]).isCloseTo(q[i], within(1e-15));
        }
        assertThat(p[1] / p[0]).isCloseTo(Math.E, within(1e-12));
    }

    @Test
    void gthAndTheLinearSolveAgreeAndTheSolveRejectsReducibleChains() {
        Rng rng = new Rng(6);
        int s = 5;
        double[][] p = new double[s][];
        double[] flat = new double[s * s];
        for (int a = 0; a < s; a++) {
            p[a] = rng.nextDirichlet(s, 0.5);
            System.arraycopy(p[a], 0, flat, a * s, s);
        }
        double[] mu = Stationary.unique(p);
        double[] g = new double[s];
        Stationary.gth(flat, 0, s, new double[s * s], 0, g, 0);
        for (int a = 0; a < s; a++) {
            assertThat(g[a]).isCloseTo(mu[a], within(1e-12));
        }
        assertThat(Stationary.residual(p, mu)).isLessThan(1e-12);
        double[][] two = {{1, 0}, {0, 1}};
        assertThatThrownBy(() -> Stationary.unique(two)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reducible");
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] x = {4, 1, 3, 2};
        assertThat(Statistics.median(x)).isEqualTo(2.5);
        assertThat(Statistics.quantile(x, 0)).isEqualTo(1.0);
        assertThat(Statistics.quantile(x, 1)).isEqualTo(4.0);
        assertThat(Statistics.quantile(x, 0.25)).isCloseTo(1.75, within(1e-15));
        assertThatThrownBy(() -> Statistics.quantile(x, 1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> Statistics.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void standardDeviationAndStandardErrorFollowTheirDefinitions() {
        double[] x = {2, 4, 4, 4, 5, 5, 7, 9};   // mean 5, squared deviations sum to 32
        assertThat(Statistics.populationStd(x)).isCloseTo(2.0, within(1e-15));
        assertThat(Statistics.standardError(x)).isCloseTo(Math.sqrt(32.0 / 7 / 8), within(1e-15));
        // a shift leaves both unchanged; a scale by c multiplies both by |c|
        double[] moved = java.util.Arrays.stream(x).map(v -> -3 * v + 100).toArray();
        assertThat(Statistics.populationStd(moved)).isCloseTo(3 * Statistics.populationStd(x), within(1e-12));
        assertThat(Statistics.standardError(moved)).isCloseTo(3 * Statistics.standardError(x), within(1e-12));
        assertThat(Statistics.populationStd(new double[] {1.5})).isZero();
        assertThat(Statistics.standardError(new double[] {1.5})).isNaN();
        assertThat(Statistics.populationStd(new double[0])).isNaN();
    }

    @Test
    void spearmanIsInvariantUnderIncreasingMapsAndTiesShareTheirMeanRank() {
        double[] x = {0.1, 0.5, 0.2, 0.9, 0.4};
        double[] y = {1, 3, 2, 5, 2.5};
        double[] cubed = new double[5];
        for (int k = 0; k < 5; k++) {
            cubed[k] = Math.exp(y[k]) * y[k] * y[k];
        }
        assertThat(Statistics.spearman(x, cubed)).isCloseTo(Statistics.spearman(x, y), within(1e-15)).isEqualTo(1.0);
        assertThat(Statistics.pearson(x, cubed)).isLessThan(1.0);
        assertThat(Statistics.midRanks(new double[] {5, 0, 0, 7, 0})).containsExactly(4, 2, 2, 5, 2);
        assertThat(Statistics.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }

    @Test
    void adamWithoutDecayAndSgdTakeTheirTextbookFirstStep() {
        double[] theta = {1, -2};
        double[] g = {0.5, -4};
        Optimiser adam = OptimiserConfig.adam(0.1).start(2, 10);
        adam.step(theta, g);
        // first bias-corrected Adam step is lr · g/(|g| + ε): a move of lr against the sign
        assertThat(theta[0]).isCloseTo(0.9, within(1e-7));
        assertThat(theta[1]).isCloseTo(-1.9, within(1e-7));
        double[] t2 = {1, -2};
        Optimiser sgd = OptimiserConfig.sgd(0.1).constant().start(2, 10);
        assertThat(sgd.step(t2, g)).isEqualTo(0.1);
        assertThat(t2).containsExactly(0.95, -1.6);
        assertThat(sgd.steps()).isEqualTo(1);
    }

    @Test
    void populationCovarianceIsTheMeanProductOfDeviationsAndIgnoresShifts() {
        Random rnd = new Random(3);
        int n = 50, d = 4;
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, rnd.nextGaussian() + (j == 3 ? 2 * x.get(i, 0) : 0));
            }
        }
        DMatrixRMaj s = Statistics.populationCovariance(x);
        double[][] col = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                col[j][i] = x.get(i, j);
            }
        }
        for (int a = 0; a < d; a++) {
            assertThat(s.get(a, a)).isCloseTo(Math.pow(Statistics.populationStd(col[a]), 2), within(1e-12));
            for (int b = 0; b < d; b++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += (col[a][i] - Statistics.mean(col[a])) * (col[b][i] - Statistics.mean(col[b]));
                }
                assertThat(s.get(a, b)).isCloseTo(sum / n, within(1e-12));
                assertThat(s.get(a, b)).isEqualTo(s.get(b, a));
            }
        }
        DMatrixRMaj shifted = x.copy();
        for (int i = 0; i < n; i++) {
            shifted.add(i, 1, 100.0);
        }
        assertThat(Statistics.populationCovariance(shifted).get(1, 2)).isCloseTo(s.get(1, 2), within(1e-10));
        assertThatThrownBy(() -> Statistics.populationCovariance(new DMatrixRMaj(0, 3)))
                .hasMessageContaining("0x3");
    }
}
