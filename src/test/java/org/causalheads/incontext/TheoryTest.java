package org.causalheads.incontext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The gradient at initialisation and the χ² information both point at the parent; the gradient
 * is, entry by entry, the first-order cross term; the row correlations are what they say.
 */
class TheoryTest {

    /** Fraction of non-root rows whose argmax must be the parent. */
    private static final double MOST = 0.8;
    /** Sequences averaged for the sampled gradient. */
    private static final int SAMPLES = 20_000;

    private static final InContextTree CHAIN = InContextTree.chain(5, 10);
    private static final InContextTree TREE = InContextTree.randomTree(3, 10, 0.3, 4);

    @Test
    void gradientAtInitPointsAtThePreviousTokenOnTheChain() {
        double[][] g = GradientProbe.gradientAtInit(CHAIN, SAMPLES);
        assertThat(AttentionMetrics.parentRecovery(AttentionMetrics.rowArgmaxBefore(g), CHAIN)).isGreaterThanOrEqualTo(MOST);
    }

    @Test
    void gradientAtInitPointsAtTheParentOnARandomTree() {
        double[][] g = GradientProbe.gradientAtInit(TREE, SAMPLES);
        assertThat(AttentionMetrics.parentRecovery(AttentionMetrics.rowArgmaxBefore(g), TREE)).isGreaterThanOrEqualTo(MOST);
    }

    /**
     * Given π, positions in different trees are independent (exactly zero information) and by
     * data processing a child shares the most with its parent.
     */
    @Test
    void chiSquareInformationGivenPiPeaksAtTheParentAndVanishesAcrossTrees() {
        for (InContextTree task : new InContextTree[] {InContextTree.chain(4, 10), TREE}) {
            double[][] mi = ChiSquareInformation.chiSquareMutualInformation(task, 500, 3);
            assertThat(AttentionMetrics.parentRecovery(AttentionMetrics.rowArgmaxBefore(mi), task)).as(task.name())
                    .isGreaterThanOrEqualTo(MOST);
        }
        double[][] mi = ChiSquareInformation.chiSquareMutualInformation(TREE, 200, 3);
        int[] root = rootOf(TREE.parentArray());
        int across = 0;
        for (int i = 0; i < root.length; i++) {
            for (int j = 0; j < i; j++) {
                if (root[i] != root[j]) {
                    assertThat(mi[i][j]).as("(%d, %d) in different trees", i, j).isZero();
                    across++;
                } else {
                    assertThat(mi[i][j]).as("(%d, %d) in one tree", i, j).isPositive();
                }
            }
        }
        assertThat(across).as("the test tree is a forest").isPositive();
    }

    /**
     * The slope through the origin by its definition: exactly c when {@code a = c·b} on the causal
     * entries of every row but the query row, whatever {@code a} holds elsewhere; refused for
     * matrices of different sizes.
     */
    @Test
    void slopeThroughOriginSeesOnlyTheCausalEntriesBeforeTheQueryRow() {
        int t = 5;
        double[][] b = new double[t][t];
        double[][] a = new double[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                b[i][j] = 1 + i + 0.5 * j;
                a[i][j] = (j <= i && i < t - 1) ? -2.5 * b[i][j] : 1e6 * (i + j + 1);
            }
        }
        assertThat(RowAgreement.slopeThroughOrigin(a, b)).isCloseTo(-2.5, within(1e-12));
        assertThat(RowAgreement.slopeThroughOrigin(a, new double[t][t])).isNaN();
        assertThatThrownBy(() -> RowAgreement.slopeThroughOrigin(a, new double[t - 1][t - 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(t - 1));
    }

    /**
     * The sampled gradient agrees entry by entry with the first-order cross term computed from
     * π: per-row correlation near 1 and a least-squares slope near 1 (the prediction carries
     * its own scale β / (S·T·(i+1)), so this also checks the derivation's constants).
     */
    @Test
    void sampledGradientMatchesTheFirstOrderPrediction() {
        for (InContextTree task : new InContextTree[] {CHAIN, TREE}) {
            double[][] g = GradientProbe.gradientAtInit(task, SAMPLES);
            double[][] f = GradientProbe.firstOrderGradient(task, 500, GradientProbe.DEFAULT_BETA, 7);
            double r = RowAgreement.meanOverChildRows(RowAgreement.rowPearson(g, f), task);
            assertThat(r).as(task.name() + " mean row Pearson").isGreaterThan(0.95);
            assertThat(RowAgreement.slopeThroughOrigin(g, f)).as(task.name() + " slope of gradient on prediction")
                    .isBetween(0.8, 1.25);
        }
    }

    /**
     * Why the gradient does not follow {@code I_χ²} beyond its argmax: on the chain the
     * information decays with distance, so two steps back is each row's second-largest entry,
     * while the first-order gradient there is below the row mean (2-cycles make {@code x_i}
     * repeat {@code x_{i-2}}, and "the query's own token comes next" is a poor guess).
     */
    @Test
    void twoStepsBackTheGradientIsNegativeWhileTheInformationIsSecondLargest() {
        double[][] f = GradientProbe.firstOrderGradient(CHAIN, 500, GradientProbe.DEFAULT_BETA, 7);
        double[][] mi = ChiSquareInformation.chiSquareMutualInformation(CHAIN, 500, 7);
        for (int i = 3; i < CHAIN.seqLen() - 1; i++) {
            assertThat(f[i][i - 2]).as("gradient (%d, %d)", i, i - 2).isNegative();
            assertThat(f[i][i - 1]).as("gradient (%d, %d)", i, i - 1).isPositive();
            for (int j = 0; j < i - 2; j++) {
                assertThat(mi[i][i - 2]).as("information (%d, %d) vs (%d, %d)", i, i - 2, i, j).isGreaterThan(mi[i][j]);
            }
        }
        assertThat(RowAgreement.meanOverChildRows(RowAgreement.rowSpearman(f, mi), CHAIN))
                .as("rank agreement of gradient and information").isLessThan(0.9);
    }

    @Test
    void rowCorrelationsFollowTheirDefinitions() {
        double[][] a = {
            {0, 0, 0, 0, 0},
            {1, 0, 0, 0, 0},
            {1, 2, 0, 0, 0},
            {1, 2, 3, 0, 0},
            {4, 1, 3, 2, 9}};
        double[][] cubed = new double[5][5];
        double[][] reversed = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                cubed[i][j] = Math.pow(a[i][j], 3);
                reversed[i][j] = -a[i][j] + 100 * (j >= i ? 1 : 0);   // entries j >= i must not matter
            }
        }
        double[] sp = RowAgreement.rowSpearman(a, cubed);
        double[] pe = RowAgreement.rowPearson(a, cubed);
        // rows with fewer than three candidates j < i have no correlation
        assertThat(sp[0]).isNaN();
        assertThat(sp[1]).isNaN();
        assertThat(sp[2]).isNaN();
        // a monotone transform keeps the ranks but not the linear relation
        assertThat(sp[3]).isCloseTo(1.0, within(1e-12));
        assertThat(sp[4]).isCloseTo(1.0, within(1e-12));
        assertThat(pe[3]).isLessThan(1.0 - 1e-6).isGreaterThan(0.9);
        assertThat(RowAgreement.rowPearson(a, reversed)[4]).isCloseTo(-1.0, within(1e-12));
        // row 4 entries (4, 1, 3, 2) against (1, 2, 3, 4): ranks (4, 1, 3, 2) give ρ = 1 − 6·14/60 = −0.4
        double[][] b = {{0}, {0}, {0}, {0}, {1, 2, 3, 4, 0}};
        for (int i = 0; i < 4; i++) {
            b[i] = new double[5];
        }
        assertThat(RowAgreement.rowSpearman(a, b)[4]).isCloseTo(-0.4, within(1e-12));
        // a constant row has no correlation
        assertThat(RowAgreement.rowPearson(a, new double[5][5])[4]).isNaN();
    }

    @Test
    void meanOverChildRowsSkipsRootsAndUndefinedRows() {
        InContextTree task = InContextTree.of(3, new int[] {-1, 0, -1, 2, 1});
        // positions 1, 3, 4 have parents; the query (5) has none
        double[] perRow = {100, 0.2, 100, Double.NaN, 0.6, 100};
        assertThat(RowAgreement.meanOverChildRows(perRow, task)).isCloseTo(0.4, within(1e-12));
        assertThatThrownBy(() -> RowAgreement.meanOverChildRows(new double[3], task))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6").hasMessageContaining("3");
        assertThatThrownBy(() -> RowAgreement.rowPearson(new double[3][3], new double[4][4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 and 4");
    }

    /**
     * With π marginalised out, the plug-in estimate is biased upward by about
     * {@code (S−1)²/n} (mean of a χ² with {@code (S−1)²} degrees of freedom over {@code n}):
     * the query, independent of every context position, shows just that bias, while adjacent
     * chain positions are far above it. Entries on and above the diagonal are zero.
     */
    @Test
    void marginalInformationOfIndependentPositionsIsThePlugInBias() {
        InContextTree task = InContextTree.chain(3, 6);
        int n = 3000;
        double[][] mi = ChiSquareInformation.marginalChiSquareMutualInformation(task, n, 1);
        int t = task.seqLen();
        for (int i = 0; i < t; i++) {
            for (int j = i; j < t; j++) {
                assertThat(mi[i][j]).isZero();
            }
        }
        double bias = 4.0 / n;
        double query = 0;
        for (int j = 0; j < t - 1; j++) {
            query += mi[t - 1][j];
        }
        query /= t - 1;
        assertThat(query).as("query row mean vs (S-1)^2/n = %.5f", bias).isBetween(0.5 * bias, 1.5 * bias);
        for (int i = 1; i < t - 1; i++) {
            assertThat(mi[i][i - 1]).as("adjacent (%d, %d)", i, i - 1).isGreaterThan(20 * bias);
        }
    }

    private static int[] rootOf(int[] parent) {
        int[] root = new int[parent.length];
        for (int i = 0; i < parent.length; i++) {
            root[i] = parent[i] < 0 ? i : root[parent[i]];
        }
        return root;
    }
}
