package org.causalheads.incontext;

import org.causalheads.numeric.Stationary;
import org.causalheads.numeric.Rng;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Sampling follows the latent graph; the Bayes predictor is a distribution that beats unigram. */
class SequenceTaskTest {

    /** Sequences in the statistical checks. */
    private static final int N = 4000;
    /** Tolerance for sums that must be exactly one. */
    private static final double EXACT = 1e-12;
    /** Tolerance for Monte-Carlo averages of quantities in [0, 1] over N draws. */
    private static final double MC = 0.03;

    /**
     * If {@code x_i ~ π(·|x_{p(i)})} then {@code E[π(x_i|x_p)] = E[Σ_a π(a|x_p)²]}; a wrong parent
     * (or none) breaks the equality. Also: the target is the query's row of π.
     */
    @Test
    void childrenFollowTheirParentsRowOfPi() {
        for (InContextTree task : new InContextTree[] {InContextTree.chain(4, 8), InContextTree.icl(4, 9),
                InContextTree.randomTree(4, 9, 0.3, 3)}) {
            int s = task.vocabSize();
            int t = task.seqLen();
            int[] parent = task.parentArray();
            double[] scratch = task.newScratch();
            int[] tokens = new int[t];
            double[] y = new double[s];
            Rng rng = new Rng(5);
            double observed = 0;
            double expected = 0;
            double wrong = 0;
            int edges = 0;
            for (int n = 0; n < N; n++) {
                rng.reseed(Rng.derive(17, n));
                task.sampleInto(rng, tokens, 0, y, 0, scratch);
                for (int a = 0; a < s; a++) {
                    assertThat(y[a]).isEqualTo(scratch[tokens[t - 1] * s + a]);
                }
                for (int i = 1; i < parent.length; i++) {
                    if (parent[i] < 0) {
                        continue;
                    }
                    int row = tokens[parent[i]] * s;
                    observed += scratch[row + tokens[i]];
                    for (int a = 0; a < s; a++) {
                        expected += scratch[row + a] * scratch[row + a];
                    }
                    // the same statistic against the row of the token itself, a non-parent
                    wrong += scratch[tokens[i] * s + tokens[i]];
                    edges++;
                }
            }
            assertThat(observed / edges).as(task.name()).isCloseTo(expected / edges, within(MC));
            assertThat(Math.abs(wrong - expected) / edges).as(task.name() + " non-parent").isGreaterThan(MC);
        }
    }

    /**
     * GTH keeps componentwise relative accuracy, so wherever the sampled chain is irreducible
     * {@code μπ = μ} holds entry by entry relative to {@code μ_b}, even at α = 0.01 where some
     * {@code μ_b} are astronomically small. Where the chain is numerically reducible
     * (α = 0.001) the documented rules apply: a probability vector that is stationary (to
     * absolute accuracy; floored pivots leave entries like 1e-300), or the uniform fallback.
     */
    @Test
    void stationaryDistributionIsInvariantEvenForNearlyReducibleRows() {
        int s = 6;
        Rng rng = new Rng(2);
        double[] pi = new double[s * s];
        double[] work = new double[s * s];
        double[] mu = new double[s];
        for (double alpha : new double[] {0.1, 0.01, 0.001}) {
            int irreducible = 0;
            double smallest = 1;
            for (int n = 0; n < 200; n++) {
                for (int a = 0; a < s; a++) {
                    rng.nextDirichlet(alpha, pi, a * s, s);
                }
                Stationary.gth(pi, 0, s, work, 0, mu, 0);
                double sum = 0;
                for (int b = 0; b < s; b++) {
                    assertThat(mu[b]).isBetween(0.0, 1.0);
                    sum += mu[b];
                }
                assertThat(sum).isCloseTo(1.0, within(EXACT));
                double worst = 0;
                double worstAbs = 0;
                for (int b = 0; b < s; b++) {
                    double v = 0;
                    for (int a = 0; a < s; a++) {
                        v += mu[a] * pi[a * s + b];
                    }
                    worst = Math.max(worst, Math.abs(v - mu[b]) / (mu[b] + 1e-300));
                    worstAbs = Math.max(worstAbs, Math.abs(v - mu[b]));
                    smallest = Math.min(smallest, mu[b]);
                }
                boolean uniform = true;
                for (double v : mu) {
                    uniform &= v == 1.0 / s;
                }
                if (stronglyConnected(pi, s) && alpha >= 0.01) {
                    irreducible++;
                    assertThat(worst).as("alpha %s draw %d: max_b |(μπ)_b − μ_b| / μ_b", alpha, n).isLessThan(1e-9);
                } else {
                    assertThat(worstAbs < 1e-12 || uniform).as("alpha %s draw %d: stationary or uniform fallback, got %s",
                            alpha, n, java.util.Arrays.toString(mu)).isTrue();
                }
            }
            if (alpha >= 0.01) {
                assertThat(irreducible).as("alpha %s: irreducible draws", alpha).isGreaterThan(150);
            }
            if (alpha == 0.01) {
                assertThat(smallest).as("alpha 0.01 reaches the nearly reducible regime").isLessThan(1e-30);
            }
        }
    }

    /** Every state reaches every other through positive entries. */
    private static boolean stronglyConnected(double[] pi, int s) {
        boolean[][] r = new boolean[s][s];
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                r[a][b] = a == b || pi[a * s + b] > 0;
            }
        }
        for (int k = 0; k < s; k++) {
            for (int a = 0; a < s; a++) {
                for (int b = 0; b < s; b++) {
                    r[a][b] |= r[a][k] && r[k][b];
                }
            }
        }
        for (boolean[] row : r) {
            for (boolean v : row) {
                if (!v) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * At the paper's chain settings (S = 10, T = 20, α = 0.1) the Bayes predictor beats the
     * unigram baseline and {@code ln S}, cannot beat the entropy of the target (cross-entropy is
     * at least entropy), and improves with a longer context, which holds more transitions out of
     * the query token.
     */
    @Test
    void bayesLossOfTheChainLiesBetweenTheTargetEntropyAndTheBaselines() {
        InContextTree task = InContextTree.chain(10, 20);
        Batch batch = task.sample(N, 11);
        double bayes = task.bayesLoss(batch);
        double entropy = 0;
        for (int b = 0; b < batch.size(); b++) {
            for (double p : batch.target(b)) {
                if (p > 0) {
                    entropy -= p * Math.log(p);
                }
            }
        }
        entropy /= batch.size();
        assertThat(bayes).isGreaterThan(entropy);
        assertThat(bayes).isLessThan(task.unigramLoss(batch));
        assertThat(bayes).isLessThan(task.uniformLoss());
        InContextTree longer = InContextTree.chain(10, 40);
        assertThat(longer.bayesLoss(longer.sample(N, 11))).as("T = 40").isLessThan(bayes);
    }

    @Test
    void bayesIsADistributionAndBeatsUnigramOnAverage() {
        for (SequenceTask task : new SequenceTask[] {InContextTree.chain(5, 12), InContextTree.icl(3, 11),
                InContextTree.randomTree(3, 12, 0.5, 1), InContextDag.twoParents(3, 10)}) {
            Batch batch = task.sample(2000, 4);
            for (int b = 0; b < 50; b++) {
                double[] p = task.bayes(batch, b);
                double sum = 0;
                for (double v : p) {
                    assertThat(v).isPositive();
                    sum += v;
                }
                assertThat(sum).isCloseTo(1.0, within(EXACT));
                double ysum = 0;
                for (double v : batch.target(b)) {
                    ysum += v;
                }
                assertThat(ysum).isCloseTo(1.0, within(EXACT));
            }
            assertThat(task.bayesLoss(batch)).as(task.name()).isLessThan(task.unigramLoss(batch));
            assertThat(task.bayesLoss(batch)).as(task.name()).isLessThan(task.uniformLoss());
        }
    }

    @Test
    void samplingIsSeededPerSequence() {
        SequenceTask task = InContextTree.chain(4, 8);
        Batch a = task.sample(10, 3);
        Batch b = task.sample(20, 3);
        for (int i = 0; i < 10; i++) {
            assertThat(a.sequence(i)).isEqualTo(b.sequence(i));
            assertThat(a.target(i)).isEqualTo(b.target(i));
        }
        assertThat(task.sample(10, 4).sequence(0)).isNotEqualTo(a.sequence(0));
    }

    @Test
    void dagTaskTargetIsTheRowOfTheTargetsParentTuple() {
        InContextDag task = InContextDag.twoParents(3, 8);
        assertThat(task.targetParents()).containsExactly(3, 7);
        assertThat(task.parents(5)).containsExactly(2, 4);
        assertThat(task.parents(1)).isEmpty();
        Batch batch = task.sample(500, 1);
        // the Bayes predictor counts matching parent tuples, so with many matches it is peaked
        double maxMass = 0;
        for (int b = 0; b < batch.size(); b++) {
            for (double v : task.bayes(batch, b)) {
                maxMass = Math.max(maxMass, v);
            }
        }
        assertThat(maxMass).isGreaterThan(0.5);
    }
}
