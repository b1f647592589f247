package org.causalheads.incontext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The induction score's definition, on hand-built attention matrices and on uniform attention. */
class AttentionMetricsTest {

    private static final double EXACT = 1e-12;

    /**
     * Tokens 2 0 2 0 1. Induction targets (1 ≤ j ≤ i with x_{j-1} = x_i): row 2 → {1}, row 3 →
     * {2}; rows 0, 1 and 4 have none (token 1 never occurred before, token 0 at row 1 has no
     * earlier occurrence).
     */
    @Test
    void inductionMassIsTheAttentionOnPositionsWhosePreviousTokenIsTheCurrentOne() {
        int[] x = {2, 0, 2, 0, 1};
        double[][] a = {
            {1, 0, 0, 0, 0},
            {0.5, 0.5, 0, 0, 0},
            {0.1, 0.6, 0.3, 0, 0},
            {0.1, 0.2, 0.5, 0.2, 0},
            {0.2, 0.2, 0.2, 0.2, 0.2}};
        assertThat(AttentionMetrics.inductionMass(a, x, 0)).isNaN();
        assertThat(AttentionMetrics.inductionMass(a, x, 1)).isNaN();
        assertThat(AttentionMetrics.inductionMass(a, x, 2)).isCloseTo(0.6, within(EXACT));
        assertThat(AttentionMetrics.inductionMass(a, x, 3)).isCloseTo(0.5, within(EXACT));
        assertThat(AttentionMetrics.inductionMass(a, x, 4)).isNaN();
        // rows without a target are left out of the mean, not counted as zero
        assertThat(AttentionMetrics.inductionScore(a, x)).isCloseTo(0.55, within(EXACT));
    }

    @Test
    void severalTargetsAddUpAndAPerfectInductionHeadScoresOne() {
        int[] x = {1, 1, 1, 0};
        double[][] a = {
            {1, 0, 0, 0},
            {0, 1, 0, 0},
            {0.5, 0.25, 0.25, 0},
            {0.25, 0.25, 0.25, 0.25}};
        // row 2 (token 1): x_0 = x_1 = 1, targets {1, 2}; row 3 (token 0): none
        assertThat(AttentionMetrics.inductionMass(a, x, 2)).isCloseTo(0.5, within(EXACT));
        assertThat(AttentionMetrics.inductionMass(a, x, 3)).isNaN();
        double[][] perfect = {
            {1, 0, 0, 0},
            {0, 1, 0, 0},
            {0, 0.5, 0.5, 0},
            {1, 0, 0, 0}};
        assertThat(AttentionMetrics.inductionScore(perfect, x)).isCloseTo(1.0, within(EXACT));
        // a sequence with no repeated token has no row to score
        assertThat(AttentionMetrics.inductionScore(perfect, new int[] {0, 1, 2, 3})).isNaN();
    }

    /** Uniform causal attention puts {@code #targets(i) / (i+1)} on the targets of row {@code i}. */
    @Test
    void uniformAttentionScoresTheShareOfTargets() {
        SequenceTask task = InContextTree.chain(3, 9);
        Batch batch = task.sample(50, 8);
        int t = task.seqLen();
        double[][] uniform = new double[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= i; j++) {
                uniform[i][j] = 1.0 / (i + 1);
            }
        }
        int scored = 0;
        for (int b = 0; b < batch.size(); b++) {
            int[] x = batch.sequence(b);
            for (int i = 0; i < t; i++) {
                int targets = 0;
                for (int j = 1; j <= i; j++) {
                    if (x[j - 1] == x[i]) {
                        targets++;
                    }
                }
                double m = AttentionMetrics.inductionMass(uniform, x, i);
                if (targets == 0) {
                    assertThat(m).isNaN();
                } else {
                    assertThat(m).isCloseTo((double) targets / (i + 1), within(EXACT));
                    scored++;
                }
            }
        }
        assertThat(scored).as("S = 3 repeats tokens, so rows are scored").isGreaterThan(batch.size());
    }

    /**
     * The snapshot's per-row averages agree with the definition applied sequence by sequence, and
     * the query-row score over all sequences is the conditional one times the share with a target.
     */
    @Test
    void snapshotAveragesAgreeWithTheDefinitionPerSequence() {
        SequenceTask task = InContextTree.chain(3, 7);
        Transformer m = Transformer.zeros(task.vocabSize(), task.seqLen(), 1, 1).withRandomAttention(0.8, 4);
        Batch batch = task.sample(40, 6);
        AttentionSnapshot snap = AttentionSnapshot.of(m, batch, 0);
        int t = task.seqLen();
        double pairSum = 0;
        int pairs = 0;
        double querySum = 0;
        int queries = 0;
        for (int b = 0; b < batch.size(); b++) {
            Batch one = new Batch(1, t, task.vocabSize());
            System.arraycopy(batch.tokens, b * t, one.tokens, 0, t);
            double[][] last = AttentionSnapshot.of(m, one, 0).lastLayer();
            int[] x = batch.sequence(b);
            for (int i = 0; i < t; i++) {
                double v = AttentionMetrics.inductionMass(last, x, i);
                if (!Double.isNaN(v)) {
                    pairSum += v;
                    pairs++;
                    if (i == t - 1) {
                        querySum += v;
                        queries++;
                    }
                }
            }
        }
        assertThat(queries).isPositive();
        assertThat(snap.allRowsInductionScore()).isCloseTo(pairSum / pairs, within(1e-12));
        assertThat(snap.queryInductionScore()).isCloseTo(querySum / queries, within(1e-12));
        assertThat(snap.queryTargetShare()).isCloseTo((double) queries / batch.size(), within(EXACT));
        assertThat(snap.inductionScore()).isCloseTo(querySum / batch.size(), within(1e-12));
    }

    @Test
    void badShapesAreRejectedWithTheValues() {
        double[][] a = {{1, 0}, {0.5, 0.5}};
        assertThatThrownBy(() -> AttentionMetrics.inductionMass(a, new int[] {0, 1, 2}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 rows").hasMessageContaining("3 tokens");
        assertThatThrownBy(() -> AttentionMetrics.inductionMass(a, new int[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2");
    }
}
