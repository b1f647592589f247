package org.causalheads.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.causalheads.dag.Dag;
import org.causalheads.dag.Generators;
import org.junit.jupiter.api.Test;

class MtdProcessTest {

    /** Sampling checks allow this many standard errors per cell. */
    private static final double SE = 4.5;
    private static final double TOL = 1e-12;
    private static final int N = 20_000;

    /** Two kernels sharing a non-uniform μ: κ_0 with Dirichlet rows, κ_1 = ½κ_0 + ½·1μᵀ. */
    static MtdProcess nonUniformProcess(Dag dag, double[] lambda) {
        Kernel k0 = Kernel.dirichletRows(3, 1.0, 21L);
        double[] mu = k0.stationary();
        double[][] m = k0.toArray();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                m[a][b] = 0.5 * m[a][b] + 0.5 * mu[b];
            }
        }
        return MtdProcess.of(dag, lambda, List.of(k0, Kernel.of(m)), mu);
    }

    private static final Dag SMALL = Dag.of(new int[][] {{}, {}, {0, 1}, {2, 0}, {}, {3, 2}, {4, 1}});

    @Test
    void exactJointsMatchEmpiricalWithinSamplingError() {
        MtdProcess p = nonUniformProcess(SMALL, new double[] {0.7, 0.3});
        PairwiseConditionals c = p.exactConditionals();
        Samples x = p.sample(N, 5L);
        for (int i = 1; i < 7; i++) {
            for (int j = 0; j < i; j++) {
                double[][] joint = c.joint(j, i);
                double[][] emp = new double[3][3];
                for (int q = 0; q < N; q++) {
                    emp[x.get(q, j)][x.get(q, i)] += 1.0 / N;
                }
                for (int a = 0; a < 3; a++) {
                    double rowSum = 0;
                    for (int b = 0; b < 3; b++) {
                        double pr = joint[a][b];
                        rowSum += c.conditional(j, i)[a][b];
                        assertThat(emp[a][b]).as("P(S_%d=%d, S_%d=%d)", j, a, i, b)
                                .isCloseTo(pr, within(SE * Math.sqrt(pr * (1 - pr) / N)));
                    }
                    assertThat(rowSum).isCloseTo(1, within(1e-9));
                }
            }
        }
    }

    @Test
    void samplerMarginalsAreMu() {
        MtdProcess p = nonUniformProcess(SMALL, new double[] {0.5, 0.5});
        Samples x = p.sample(N, 6L);
        double[] mu = p.mu();
        for (int i = 0; i < 7; i++) {
            double[] m = x.marginal(i);
            for (int a = 0; a < 3; a++) {
                assertThat(m[a]).isCloseTo(mu[a], within(SE * Math.sqrt(mu[a] * (1 - mu[a]) / N)));
            }
        }
    }

    @Test
    void samplingIsReproducibleFromTheSeed() {
        MtdProcess p = nonUniformProcess(SMALL, new double[] {0.5, 0.5});
        Samples a = p.sample(5000, 1L), b = p.sample(5000, 1L);
        for (int i = 0; i < 7; i++) {
            assertThat(a.column(i)).isEqualTo(b.column(i));
        }
    }

    @Test
    void slotKernelIsExactConditionalForIndependentParents() {
        // node 2's parents 0 and 1 are independent roots
        MtdProcess p = nonUniformProcess(SMALL, new double[] {0.7, 0.3});
        PairwiseConditionals c = p.exactConditionals();
        for (int l = 0; l < 2; l++) {
            double[][] cond = c.conditional(SMALL.parent(2, l), 2);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    assertThat(cond[a][b]).isCloseTo(p.slotKernel(l).get(a, b), within(TOL));
                }
            }
        }
    }

    @Test
    void karyProcessSamplesItsTableAndItsMarginalsDriftFromUniform() {
        Dag d = Generators.randomKParent(12, 2, 4L);
        int states = 3, n = 20_000;
        KaryProcess k = KaryProcess.random(d, states, 0.3, 8L);
        Samples x = k.sample(n, 3L);
        assertThat(x.length()).isEqualTo(12);
        assertThat(k.nominalSlotKernels()).hasSize(2);
        double sigma = Math.sqrt(0.25 / n); // binomial standard error, at most
        double drift = 0;
        for (int i = 0; i < 12; i++) {
            double[] m = x.marginal(i);
            for (double v : m) {
                if (d.isRoot(i)) {
                    assertThat(v).as("root %d marginal", i).isCloseTo(1.0 / states, within(5 * sigma));
                } else {
                    drift = Math.max(drift, Math.abs(v - 1.0 / states));
                }
            }
        }
        assertThat(drift).as("largest deviation of a non-root marginal from uniform").isGreaterThan(10 * sigma);
        // the child given its parent tuple follows the table row
        int child = 11;
        int[] pa = d.parents(child);
        int[] hits = new int[states];
        int total = 0;
        for (int s = 0; s < n; s++) {
            if (x.get(s, pa[0]) == 0 && x.get(s, pa[1]) == 1) {
                hits[x.get(s, child)]++;
                total++;
            }
        }
        assertThat(total).isGreaterThan(500);
        for (int b = 0; b < states; b++) {
            double expected = k.probability(new int[] {0, 1}, b);
            assertThat((double) hits[b] / total).as("P(child = %d | parents = (0, 1))", b)
                    .isCloseTo(expected, within(5 * Math.sqrt(0.25 / total)));
        }
    }

    @Test
    void badProcessesNameTheValue() {
        Kernel u = Kernel.uniform(3);
        Kernel pos = Kernel.sinkhorn(3, 1.0, 1L);
        assertThatThrownBy(() -> MtdProcess.of(SMALL, new double[] {0.6, 0.6}, List.of(pos, pos)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sums to 1.2");
        assertThatThrownBy(() -> MtdProcess.of(SMALL, new double[] {1.0, 0.0}, List.of(pos, pos)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda[1] = 0.0");
        Kernel zero = Kernel.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertThatThrownBy(() -> MtdProcess.of(SMALL, new double[] {0.5, 0.5}, List.of(pos, zero)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernels[1][0][1] = 0.0");
        Kernel other = Kernel.dirichletRows(3, 1.0, 9L);
        assertThatThrownBy(() -> MtdProcess.of(SMALL, new double[] {0.5, 0.5}, List.of(u, other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernels[1] does not keep mu stationary");
        assertThatThrownBy(() -> MtdProcess.of(Dag.of(new int[][] {{}, {}}), new double[] {0.5, 0.5}, List.of(u, u)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("T = 2").hasMessageContaining("K = 2");
        MtdProcess ok = MtdProcess.of(SMALL, new double[] {0.5, 0.5}, List.of(pos, pos));
        assertThatThrownBy(() -> ok.sample(0, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n = 0");
    }
}
