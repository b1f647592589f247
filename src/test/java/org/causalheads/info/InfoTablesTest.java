package org.causalheads.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.causalheads.dag.Dag;
import org.causalheads.dag.Generators;
import org.causalheads.markov.Kernel;
import org.causalheads.markov.MtdProcess;
import org.causalheads.markov.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InfoTablesTest {

    private static final double TOL = 1e-10;

    private static MtdProcess process(int t, int k, double gamma, long seed) {
        Dag d = Generators.randomKParent(t, k, seed);
        return MtdProcess.randomDoublyStochastic(d, 4, MtdProcess.equalWeights(k), gamma, 1.0, seed + 1);
    }

    /** A joint that follows kernel Π exactly: P(a, b) = μ(a) Π(b|a). */
    @ParameterizedTest
    @EnumSource(FDivergence.class)
    void kgmiEqualsFmiWhenThePairFollowsTheKernel(FDivergence f) {
        Kernel pi = Kernel.dirichletRows(4, 1.0, 3L);
        double[] mu = {0.1, 0.2, 0.3, 0.4};
        double[] joint = new double[16];
        double[] flat = new double[16];
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                joint[a * 4 + b] = mu[a] * pi.get(a, b);
                flat[a * 4 + b] = pi.get(a, b);
            }
        }
        double mi = InfoMeasures.fMutualInformation(f, joint, 4, 4);
        assertThat(InfoMeasures.kgVariational(f, joint, flat, 4, 4)).isCloseTo(mi, within(TOL));
    }

    /** Variational KG-MI = I_f^Π - E[B_f(ρ, r)] (info package docs), checked directly. */
    @ParameterizedTest
    @EnumSource(FDivergence.class)
    void variationalFormIsKernelMiMinusBregman(FDivergence f) {
        Kernel pi = Kernel.dirichletRows(3, 1.0, 5L);
        Kernel other = Kernel.dirichletRows(3, 1.0, 6L);
        double[] mu = other.stationary();
        double[] joint = new double[9], flat = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                joint[a * 3 + b] = mu[a] * other.get(a, b);
                flat[a * 3 + b] = pi.get(a, b);
            }
        }
        double[] pj = InfoMeasures.rowSums(joint, 3, 3), pm = InfoMeasures.colSums(joint, 3, 3);
        double expected = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double q = pj[a] * pm[b];
                double rho = flat[a * 3 + b] / pm[b];
                double r = joint[a * 3 + b] / q;
                expected += q * (f.f(rho) - f.bregman(rho, r));
            }
        }
        assertThat(InfoMeasures.kgVariational(f, joint, flat, 3, 3)).isCloseTo(expected, within(TOL));
    }

    @Test
    void klVariationalAndPlugInAgree() {
        MtdProcess p = process(12, 2, 0.8, 3L);
        InfoTables v = InfoTables.population(p, FDivergence.KL, KgForm.VARIATIONAL);
        InfoTables g = InfoTables.population(p, FDivergence.KL, KgForm.PLUG_IN);
        for (int l = 0; l < 2; l++) {
            for (int i = 1; i < 12; i++) {
                for (int j = 0; j < i; j++) {
                    assertThat(g.kgmi(l, i, j)).isCloseTo(v.kgmi(l, i, j), within(TOL));
                }
            }
        }
    }

    @Test
    void chainPairsFollowTheirKernelSoKgmiEqualsMi() {
        Dag chain = Generators.chain(6);
        MtdProcess p = MtdProcess.of(chain, new double[] {1.0}, List.of(Kernel.sinkhorn(4, 0.5, 2L)), new double[] {0.25, 0.25, 0.25, 0.25});
        for (FDivergence f : FDivergence.values()) {
            InfoTables t = InfoTables.population(p, f, KgForm.VARIATIONAL);
            for (int i = 1; i < 6; i++) {
                assertThat(t.kgmi(0, i, i - 1)).isCloseTo(t.mi(i, i - 1), within(TOL));
            }
        }
    }

    @Test
    void rootRowsCarryNoInformation() {
        MtdProcess p = process(10, 2, 1.0, 4L);
        InfoTables t = InfoTables.population(p, FDivergence.KL, KgForm.VARIATIONAL);
        for (int j = 0; j < 1; j++) {
            assertThat(t.mi(1, j)).isCloseTo(0, within(TOL));
            assertThat(t.kgmi(0, 1, j)).isCloseTo(0, within(TOL));
        }
    }

    @Test
    void bitsetCountsEqualNaiveCounts() {
        for (int s : new int[] {2, 3, 5}) {
            Dag d = Generators.randomKParent(9, 2, 7L);
            MtdProcess p = MtdProcess.randomDoublyStochastic(d, s, MtdProcess.equalWeights(2), 0.9, 1.0, 8L);
            Samples x = p.sample(1000 + 37, 9L); // not a multiple of 64
            PairCounts fast = PairCounts.of(x), slow = PairCounts.naive(x);
            for (int i = 1; i < 9; i++) {
                for (int j = 0; j < i; j++) {
                    assertThat(fast.table(j, i)).isEqualTo(slow.table(j, i));
                }
            }
        }
    }

    @Test
    void estimationErrorShrinksWithSamples() {
        MtdProcess p = process(8, 2, 1.0, 5L);
        InfoTables pop = InfoTables.population(p, FDivergence.KL, KgForm.VARIATIONAL);
        Samples x = p.sample(40_000, 2L);
        double small = InfoTables.empirical(x.first(2_500), p.slotKernels(), FDivergence.KL, KgForm.VARIATIONAL)
                .estimationError(pop, Objective.KG_MI);
        double large = InfoTables.empirical(x, p.slotKernels(), FDivergence.KL, KgForm.VARIATIONAL)
                .estimationError(pop, Objective.KG_MI);
        assertThat(large).isLessThan(small);
    }

    @Test
    void gapIsTheTrueParentsMarginOverTheBestOtherCandidate() {
        MtdProcess p = process(10, 2, 1.0, 3L);
        InfoTables t = InfoTables.population(p, FDivergence.KL, KgForm.VARIATIONAL);
        Dag dag = p.dag();
        Gap kg = t.gap(dag);
        for (int i = 0; i < 10; i++) {
            for (int l = 0; l < 2; l++) {
                if (dag.isRoot(i)) {
                    assertThat(kg.at(i, l)).as("root %d slot %d", i, l).isEmpty();
                    continue;
                }
                int parent = dag.parent(i, l);
                double best = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < i; j++) {
                    if (j != parent) {
                        best = Math.max(best, t.kgmi(l, i, j));
                    }
                }
                assertThat(kg.at(i, l).getAsDouble()).as("node %d slot %d", i, l)
                        .isCloseTo(t.kgmi(l, i, parent) - best, within(TOL));
            }
        }
        double min = Double.POSITIVE_INFINITY;
        for (double[] row : kg.table()) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                }
            }
        }
        assertThat(kg.min()).isCloseTo(min, within(TOL));
    }

    @Test
    void plainMiCannotSeparateTheSlotsOfANode() {
        MtdProcess p = process(10, 2, 1.0, 3L);
        Gap mi = InfoTables.population(p, FDivergence.KL, KgForm.VARIATIONAL).gap(p.dag(), Objective.PLAIN_MI);
        // both slots of a node are scored on one MI row, so at most one of them can be its argmax
        for (int i = 2; i < 10; i++) {
            if (!p.dag().isRoot(i)) {
                assertThat(Math.min(mi.at(i, 0).getAsDouble(), mi.at(i, 1).getAsDouble())).isLessThanOrEqualTo(0);
            }
        }
        assertThat(mi.min()).isLessThanOrEqualTo(0);
    }

    @Test
    void badInputNamesTheValue() {
        MtdProcess p = process(6, 2, 1.0, 3L);
        assertThatThrownBy(() -> JointTable.empirical(PairCounts.of(p.sample(10, 1L)), 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha = 0.0");
        assertThatThrownBy(() -> InfoTables.of(JointTable.population(p), List.of(Kernel.uniform(3)), FDivergence.KL, KgForm.VARIATIONAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3×3");
    }
}
