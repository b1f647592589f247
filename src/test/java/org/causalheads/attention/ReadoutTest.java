package org.causalheads.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.causalheads.dag.Dag;
import org.junit.jupiter.api.Test;

/** The readout uses the attention alone: which nodes are roots is read off, never looked up. */
class ReadoutTest {

    private static final double SHARP = 8; // logit of the favoured candidate: weight near 1

    /** K = 2 heads over T = 5 nodes; logits zero (uniform) except where set. */
    private static double[][][] logits() {
        return new double[2][5][5];
    }

    @Test
    void concentratedHeadsGiveTheirPicksAsParents() {
        double[][][] q = logits();
        q[0][3][0] = SHARP;
        q[1][3][2] = SHARP;
        q[0][4][1] = SHARP;
        q[1][4][3] = SHARP;
        Dag d = AscentResult.readout(Attention.softmax(q), AscentResult.ROOT_THRESHOLD);
        assertThat(d.parents(3)).containsExactly(0, 2);
        assertThat(d.parents(4)).containsExactly(1, 3);
    }

    @Test
    void nodesWithUniformHeadsAndNodesBelowKAreRoots() {
        double[][][] q = logits();
        q[0][1][0] = SHARP; // node 1 < K: a root whatever its heads do
        q[0][4][1] = SHARP;
        q[1][4][3] = SHARP;
        Dag d = AscentResult.readout(Attention.softmax(q), AscentResult.ROOT_THRESHOLD);
        assertThat(d.isRoot(0)).isTrue();
        assertThat(d.isRoot(1)).isTrue();
        assertThat(d.isRoot(2)).as("node 2: both heads uniform over two candidates (max ½)").isTrue();
        assertThat(d.isRoot(3)).as("node 3: both heads uniform over three candidates").isTrue();
        assertThat(d.parents(4)).containsExactly(1, 3);
    }

    @Test
    void concentrationIsMeasuredFromUniformSoFewCandidatesNeedMore() {
        double[][][] q = logits();
        q[0][2][0] = Math.log(0.7 / 0.3); // weight 0.7 of two candidates: 40% of the way from ½ to 1
        q[1][2][0] = Math.log(0.7 / 0.3);
        q[0][4][1] = Math.log(7);         // weight 0.7 of four candidates: 60% of the way from ¼ to 1
        Attention a = Attention.softmax(q);
        assertThat(a.maxWeight(0, 2)).isCloseTo(0.7, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(a.maxWeight(0, 4)).isCloseTo(0.7, org.assertj.core.api.Assertions.within(1e-12));
        Dag d = AscentResult.readout(a, AscentResult.ROOT_THRESHOLD);
        assertThat(d.isRoot(2)).isTrue();
        assertThat(d.parents(4)).containsExactly(1);
    }

    @Test
    void collapsedHeadsGiveOneParent() {
        double[][][] q = logits();
        q[0][4][2] = SHARP;
        q[1][4][2] = SHARP;
        Dag d = AscentResult.readout(Attention.softmax(q), AscentResult.ROOT_THRESHOLD);
        assertThat(d.parents(4)).containsExactly(2);
    }

    @Test
    void aHeadThatStayedUniformNamesNoParent() {
        double[][][] q = logits();
        q[0][4][2] = SHARP; // head 1 stays uniform over four candidates
        Dag d = AscentResult.readout(Attention.softmax(q), AscentResult.ROOT_THRESHOLD);
        assertThat(d.parents(4)).containsExactly(2);
    }

    @Test
    void thresholdOutsideTheUnitIntervalIsRejected() {
        Attention a = Attention.uniform(2, 5);
        assertThatThrownBy(() -> AscentResult.readout(a, 0)).hasMessageContaining("rootThreshold = 0.0");
        assertThatThrownBy(() -> AscentResult.readout(a, Double.NaN)).hasMessageContaining("rootThreshold = NaN");
        assertThatThrownBy(() -> AscentResult.readout(a, 1.0)).hasMessageContaining("(0, 1)");
    }
}
