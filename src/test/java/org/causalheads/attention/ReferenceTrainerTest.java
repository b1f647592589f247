package org.causalheads.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.causalheads.dag.Dag;
import org.causalheads.info.FDivergence;
import org.causalheads.info.InfoTables;
import org.causalheads.info.JointTable;
import org.causalheads.info.KgForm;
import org.causalheads.info.Objective;
import org.causalheads.info.PairCounts;
import org.causalheads.kgmi.Problem;
import org.junit.jupiter.api.Test;

/** The trainer against the kept reference loop: same trajectory on seeded problems. */
class ReferenceTrainerTest {

    private static final double TOL = 1e-12;

    private static void assertSameRun(AscentResult got, AscentResult want, int t, int k, String what) {
        assertThat(got.stopEpoch()).as("stop epoch, %s", what).isEqualTo(want.stopEpoch());
        assertThat(got.epochsRun()).as("epochs, %s", what).isEqualTo(want.epochsRun());
        assertSameAttention(got.attention(), want.attention(), t, k, what + ", final attention");
        double[] go = got.history().objective(), wo = want.history().objective();
        assertThat(go).hasSameSizeAs(wo);
        for (int e = 0; e < wo.length; e++) {
            assertThat(go[e]).as("objective at epoch %d, %s", e, what).isCloseTo(wo[e], within(TOL));
        }
        assertThat(got.history().recordedEpochs()).isEqualTo(want.history().recordedEpochs());
        Map<Integer, Attention> gs = got.history().snapshots(), ws = want.history().snapshots();
        assertThat(gs.keySet()).isEqualTo(ws.keySet());
        for (int e : ws.keySet()) {
            assertSameAttention(gs.get(e), ws.get(e), t, k, what + ", snapshot " + e);
        }
        for (int i = 0; i < t; i++) {
            for (int l = 0; l < k; l++) {
                assertThat(got.history().parentAttention(i, l)).isEqualTo(want.history().parentAttention(i, l));
            }
        }
    }

    private static void assertSameAttention(Attention got, Attention want, int t, int k, String what) {
        for (int l = 0; l < k; l++) {
            for (int i = 1; i < t; i++) {
                for (int j = 0; j < i; j++) {
                    assertThat(got.weight(l, i, j)).as("a[%d][%d][%d], %s", l, i, j, what)
                            .isCloseTo(want.weight(l, i, j), within(TOL));
                }
            }
        }
    }

    @Test
    void sameTrajectoryAsTheReferenceOnPopulationAndSampledTables() {
        int[][] shapes = {{8, 1}, {12, 2}, {16, 3}, {20, 3}};
        for (int[] sh : shapes) {
            int t = sh[0], k = sh[1];
            Problem p = Problem.builder().length(t).states(4).parents(k).strength(1.0).extraRoots(1).seed(t).build();
            InfoTables pop = p.tables(FDivergence.KL);
            InfoTables est = InfoTables.of(JointTable.empirical(PairCounts.of(p.sample(3000, 5L)), JointTable.DEFAULT_SMOOTHING),
                    p.process().slotKernels(), FDivergence.KL, KgForm.VARIATIONAL);
            for (InfoTables tab : new InfoTables[] {pop, est}) {
                for (AscentConfig cfg : new AscentConfig[] {
                        AscentConfig.defaults().withSnapshots(0, 7, 100),
                        AscentConfig.defaults().withEta(2000).withSnapshots(3), // large steps: the exp branch
                        AscentConfig.defaults().withStopEarly(false).withMaxEpochs(5000)}) { // history thinning
                    Dag dag = p.dag();
                    AscentResult want = new ReferenceTrainer(cfg).train(tab, Objective.KG_MI, dag);
                    AscentResult got = new AttentionAscent(cfg).train(tab, Objective.KG_MI, dag);
                    assertThat(want.epochsRun()).isPositive();
                    assertSameRun(got, want, t, k, "T = " + t + ", K = " + k + ", eta = " + cfg.eta());
                }
            }
        }
    }

    /** Per head, the largest step size at which every row's steps are small ({@code η/T · (max V - min V) <= 0.01}). */
    private static double[] smallStepBounds(double[][][] v, int t) {
        double[] out = new double[v.length];
        for (int l = 0; l < v.length; l++) {
            double widest = 0;
            for (int i = 1; i < t; i++) {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < i; j++) {
                    lo = Math.min(lo, v[l][i][j]);
                    hi = Math.max(hi, v[l][i][j]);
                }
                widest = Math.max(widest, hi - lo);
            }
            out[l] = 0.01 * t / widest;
        }
        return out;
    }

    @Test
    void sameTrajectoryWhenHeadsTakeOnlySmallSteps() {
        // heads whose every row takes small steps are updated by a separate path (whole-head update,
        // sums per row, stopping check from the last largest weight): all heads on it, then one of two
        for (int t : new int[] {13, 24}) {
            Problem p = Problem.builder().length(t).states(3).parents(2).strength(1.0).seed(t).build();
            InfoTables pop = p.tables(FDivergence.KL);
            double[][][] v = pop.values(Objective.KG_MI);
            double[] bound = smallStepBounds(v, t);
            double lo = Math.min(bound[0], bound[1]), hi = Math.max(bound[0], bound[1]);
            assertThat(hi).as("premise: the heads' bounds differ, T = %d", t).isGreaterThan(lo * 1.01);
            for (double eta : new double[] {lo * 0.999, Math.sqrt(lo * hi)}) {
                for (AscentConfig cfg : new AscentConfig[] {
                        AscentConfig.defaults().withEta(eta).withMaxEpochs(2_000_000).withSnapshots(0, 5, 999),
                        AscentConfig.defaults().withEta(eta).withStopEarly(false).withMaxEpochs(3000)}) {
                    AscentResult want = new ReferenceTrainer(cfg).train(pop, Objective.KG_MI, p.dag());
                    AscentResult got = new AttentionAscent(cfg).train(pop, Objective.KG_MI, p.dag());
                    if (cfg.stopEarly()) {
                        assertThat(want.stopEpoch()).as("premise: the run stops, T = %d, eta = %s", t, eta).isPresent();
                    }
                    assertSameRun(got, want, t, 2, "small steps, T = " + t + ", eta = " + eta);
                }
            }
        }
    }
}
