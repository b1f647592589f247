package org.causalheads.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.causalheads.numeric.GradientCheck;
import org.causalheads.numeric.Rng;
import org.causalheads.dag.Dag;
import org.causalheads.info.FDivergence;
import org.causalheads.info.Gap;
import org.causalheads.info.InfoTables;
import org.causalheads.info.Objective;
import org.causalheads.kgmi.Problem;
import org.junit.jupiter.api.Test;

class AttentionAscentTest {

    private static final double FD_STEP = 1e-5;
    private static final double FD_TOL = 1e-8;
    private static final double TOL = 1e-12;
    /** Problems used below: T = 10, S = 4, K = 2, one extra root, seed 2 (population gap > 0 for all γ used). */
    private static final long SEED = 2L;

    private static Problem problem(double gamma) {
        return Problem.builder().length(10).states(4).parents(2).strength(gamma).extraRoots(1).seed(SEED).build();
    }

    private static double[][][] randomCube(int k, int t, Rng rng, double scale) {
        double[][][] c = new double[k][t][t];
        for (double[][] m : c) {
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < i; j++) {
                    m[i][j] = scale * rng.nextGaussian();
                }
            }
        }
        return c;
    }

    @Test
    void analyticGradientMatchesCentralDifferences() {
        Rng rng = new Rng(1);
        int k = 2, t = 6;
        double[][][] q = randomCube(k, t, rng, 1.0), v = randomCube(k, t, rng, 0.3);
        double[][][] g = AttentionObjective.gradient(q, v);
        // the free logits are the entries j < i, flattened row by row
        int n = k * t * (t - 1) / 2;
        double[] x = new double[n], analytic = new double[n];
        for (int l = 0, c = 0; l < k; l++) {
            for (int i = 1; i < t; i++) {
                for (int j = 0; j < i; j++, c++) {
                    x[c] = q[l][i][j];
                    analytic[c] = g[l][i][j];
                }
            }
        }
        GradientCheck check = GradientCheck.of(p -> {
            double[][][] qp = new double[k][t][t];
            for (int l = 0, c = 0; l < k; l++) {
                for (int i = 1; i < t; i++) {
                    for (int j = 0; j < i; j++, c++) {
                        qp[l][i][j] = p[c];
                    }
                }
            }
            return AttentionObjective.value(qp, v);
        }, x, analytic, FD_STEP);
        assertThat(check.maxAbsoluteDifference()).as("gradient is not trivially zero").isGreaterThan(1e-3);
        assertThat(check.maxAbsoluteError()).as("%s", check).isLessThan(FD_TOL);
    }

    @Test
    void oneEpochIsOneGradientStepFromZeroLogits() {
        Rng rng = new Rng(2);
        int k = 2, t = 7;
        double[][][] v = randomCube(k, t, rng, 0.3);
        Dag dag = Dag.of(new int[][] {{}, {}, {0, 1}, {2, 1}, {0, 3}, {4, 2}, {1, 5}});
        double eta = 10;
        AscentResult r = new AttentionAscent(AscentConfig.defaults().withEta(eta).withMaxEpochs(1)).train(v, dag);
        double[][][] g = AttentionObjective.gradient(new double[k][t][t], v);
        for (double[][] m : g) {
            for (double[] row : m) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= eta;
                }
            }
        }
        Attention expected = Attention.softmax(g);
        for (int l = 0; l < k; l++) {
            for (int i = 1; i < t; i++) {
                for (int j = 0; j < i; j++) {
                    assertThat(r.attention().weight(l, i, j)).isCloseTo(expected.weight(l, i, j), within(TOL));
                }
            }
        }
        assertThat(r.history().objective()[0]).isCloseTo(AttentionObjective.value(new double[k][t][t], v), within(TOL));
    }

    @Test
    void plainMiCollapsesAndKlKgmiRecoversEveryParent() {
        Problem p = problem(1.0);
        InfoTables tab = p.tables(FDivergence.KL);
        assertThat(tab.gap(p.dag()).min()).as("chosen problem is identifiable").isPositive();
        AttentionAscent tr = AttentionAscent.defaults();
        AscentResult kg = tr.train(tab, Objective.KG_MI, p.dag());
        assertThat(kg.stopEpoch()).isPresent();
        assertThat(kg.estimate()).isEqualTo(p.dag());
        assertThat(org.causalheads.dag.Metrics.headCollapseRate(p.dag(), kg.picks())).isZero();
        AscentResult mi = tr.train(tab, Objective.PLAIN_MI, p.dag());
        assertThat(org.causalheads.dag.Metrics.headCollapseRate(p.dag(), mi.picks())).isEqualTo(1.0);
    }

    @Test
    void stoppingEpochGrowsAsTheGapShrinks() {
        double[] gammas = {1.0, 0.8, 0.6, 0.4};
        double lastGap = Double.POSITIVE_INFINITY;
        int lastStop = 0;
        for (double g : gammas) {
            Problem p = problem(g);
            InfoTables tab = p.tables(FDivergence.KL);
            double gap = tab.gap(p.dag()).min();
            AscentResult r = AttentionAscent.defaults().train(tab, Objective.KG_MI, p.dag());
            assertThat(gap).isPositive().isLessThan(lastGap);
            assertThat(r.stopEpoch()).isPresent();
            assertThat(r.stopEpoch().getAsInt()).isGreaterThan(lastStop);
            lastGap = gap;
            lastStop = r.stopEpoch().getAsInt();
        }
    }

    @Test
    void rootAttentionStaysUniformOnPopulationValues() {
        Problem p = problem(1.0);
        AscentResult r = AttentionAscent.defaults().train(p.tables(FDivergence.KL), Objective.KG_MI, p.dag());
        assertThat(r.attention().rootDeviation(p.dag())).isLessThan(1e-9);
        boolean hasExtraRoot = false;
        for (int i = 2; i < p.length(); i++) {
            hasExtraRoot |= p.dag().isRoot(i);
        }
        assertThat(hasExtraRoot).isTrue();
    }

    /** Population values: a slot's readout is its true parent exactly when its gap is positive. */
    @Test
    void readoutFollowsTheSignOfThePopulationGap() {
        int checked = 0;
        for (long seed = 1; seed <= 4; seed++) {
            Rng rng = new Rng(seed);
            double[] lam = rng.nextDirichlet(3, 4.0);
            Problem p = Problem.builder().length(20).states(4).parents(3).lambda(lam).strength(1.0).seed(seed).build();
            InfoTables tab = p.tables(FDivergence.KL);
            Gap gap = tab.gap(p.dag());
            AscentResult r = new AttentionAscent(AscentConfig.defaults().withMaxEpochs(20)).train(tab, Objective.KG_MI, p.dag());
            int[][] picks = r.picks();
            for (int i = 2; i < p.length(); i++) {
                for (int l = 0; l < 3; l++) {
                    if (gap.at(i, l).isEmpty()) {
                        continue;
                    }
                    double d = gap.at(i, l).getAsDouble();
                    checked++;
                    if (d > 0) {
                        assertThat(picks[i][l]).isEqualTo(p.dag().parent(i, l));
                    } else if (d < 0) {
                        assertThat(picks[i][l]).isNotEqualTo(p.dag().parent(i, l));
                    }
                }
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void objectiveIncreasesAndHistoryIsRecorded() {
        Problem p = problem(1.0);
        AscentResult r = new AttentionAscent(AscentConfig.defaults().withSnapshots(0, 100)).train(p.tables(FDivergence.KL), Objective.KG_MI, p.dag());
        double[] obj = r.history().objective();
        assertThat(obj).hasSize(r.epochsRun() + 1);
        for (int e = 1; e < obj.length; e++) {
            assertThat(obj[e]).isGreaterThanOrEqualTo(obj[e - 1] - TOL);
        }
        assertThat(r.history().snapshots()).containsKeys(0, 100, r.epochsRun());
        int[] ep = r.history().recordedEpochs();
        assertThat(ep[ep.length - 1]).isEqualTo(r.epochsRun());
        double[] minAtt = r.history().minParentAttention();
        assertThat(minAtt[minAtt.length - 1]).isGreaterThanOrEqualTo(1 - AscentConfig.DEFAULT_EPS_ATTN);
    }

    @Test
    void historyThinsEvenlyOnLongRuns() {
        Problem p = problem(0.4);
        AscentResult r = new AttentionAscent(AscentConfig.defaults().withStopEarly(false).withMaxEpochs(5000))
                .train(p.tables(FDivergence.KL), Objective.KG_MI, p.dag());
        int[] ep = r.history().recordedEpochs();
        assertThat(ep.length).isLessThanOrEqualTo(History.MAX_RECORDS);
        assertThat(ep[0]).isZero();
        assertThat(ep[ep.length - 1]).isEqualTo(5000);
        for (int q = 2; q < ep.length - 1; q++) {
            assertThat(ep[q] - ep[q - 1]).isEqualTo(ep[1] - ep[0]);
        }
    }

    @Test
    void budgetExhaustedReportsNoStoppingEpoch() {
        Problem p = problem(0.4);
        AscentResult r = new AttentionAscent(AscentConfig.defaults().withMaxEpochs(10)).train(p.tables(FDivergence.KL), Objective.KG_MI, p.dag());
        assertThat(r.stopEpoch()).isEmpty();
        assertThat(r.stopped()).isFalse();
        assertThat(r.epochsRun()).isEqualTo(10);
    }

    @Test
    void badSettingsNameTheValue() {
        assertThatThrownBy(() -> AscentConfig.defaults().withEta(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eta = 0.0");
        assertThatThrownBy(() -> AscentConfig.defaults().withEta(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eta = NaN");
        assertThatThrownBy(() -> AscentConfig.defaults().withEpsAttn(1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsAttn = 1.0");
        assertThatThrownBy(() -> AscentConfig.defaults().withEpsAttn(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsAttn = 0.0");
        double[][][] v = new double[1][3][3];
        v[0][2][1] = Double.NaN;
        assertThatThrownBy(() -> AttentionAscent.defaults().train(v, Dag.of(new int[][] {{}, {0}, {1}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[0][2][1] = NaN");
    }
}
