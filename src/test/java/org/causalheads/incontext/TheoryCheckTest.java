package org.causalheads.incontext;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The gradient at initialisation and the χ² information both point at the parent. */
class TheoryCheckTest {

    /** Fraction of non-root rows whose argmax must be the parent. */
    private static final double MOST = 0.8;

    @Test
    void gradientAtInitPointsAtThePreviousTokenOnTheChain() {
        InContextTree task = InContextTree.chain(5, 10);
        double[][] g = TheoryCheck.gradientAtInit(task, 20_000);
        assertThat(Metrics.parentRecovery(Metrics.rowArgmax(g), task)).isGreaterThanOrEqualTo(MOST);
    }

    @Test
    void gradientAtInitPointsAtTheParentOnARandomTree() {
        InContextTree task = InContextTree.randomTree(3, 10, 0.3, 4);
        double[][] g = TheoryCheck.gradientAtInit(task, 20_000);
        assertThat(Metrics.parentRecovery(Metrics.rowArgmax(g), task)).isGreaterThanOrEqualTo(MOST);
    }

    @Test
    void chiSquareInformationGivenPiPeaksAtTheParent() {
        for (InContextTree task : new InContextTree[] {InContextTree.chain(4, 10),
                InContextTree.randomTree(3, 10, 0.3, 4)}) {
            double[][] mi = TheoryCheck.chiSquareMutualInformation(task, 500, 3);
            assertThat(Metrics.parentRecovery(Metrics.rowArgmaxBefore(mi), task)).as(task.name())
                    .isGreaterThanOrEqualTo(MOST);
            for (int i = 0; i < mi.length; i++) {
                for (int j = 0; j < i; j++) {
                    assertThat(mi[i][j]).isGreaterThanOrEqualTo(-1e-9);
                }
            }
        }
    }

    @Test
    void marginalInformationIsNonNegativeAndLowerTriangular() {
        InContextTree task = InContextTree.chain(3, 6);
        double[][] mi = TheoryCheck.marginalChiSquareMutualInformation(task, 3000, 1);
        for (int i = 0; i < mi.length; i++) {
            for (int j = 0; j < mi.length; j++) {
                if (j >= i) {
                    assertThat(mi[i][j]).isZero();
                } else {
                    assertThat(mi[i][j]).isGreaterThanOrEqualTo(-1e-12);
                }
            }
        }
    }
}
