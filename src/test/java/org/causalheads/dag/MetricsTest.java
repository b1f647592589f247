package org.causalheads.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final double TOL = 1e-12;
    /** 0 -> 1 -> 2, 0 -> 3. */
    private static final Dag TRUTH = Dag.of(new int[][] {{}, {0}, {1}, {0}});

    private static Graph graph(int n, Edge... edges) {
        return new Graph() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public List<Edge> edges() {
                return List.of(edges);
            }
        };
    }

    @Test
    void identicalGraphIsPerfect() {
        Scores s = Metrics.score(TRUTH, TRUTH);
        assertThat(s.shd()).isZero();
        assertThat(s.f1()).isCloseTo(1, within(TOL));
        assertThat(s.tpr()).isCloseTo(1, within(TOL));
        assertThat(s.fdr()).isZero();
        assertThat(s.fpr()).isZero();
        assertThat(s.skeletonF1()).isCloseTo(1, within(TOL));
        assertThat(s.headCollapseRate()).isNaN();
    }

    @Test
    void reversedEdgeCostsOneOrTwoWhenDoubled() {
        Graph est = graph(4, Edge.directed(1, 0), Edge.directed(1, 2), Edge.directed(0, 3));
        Scores s = Metrics.score(TRUTH, est);
        assertThat(s.shd()).isEqualTo(1);
        assertThat(s.reversed()).isEqualTo(1);
        assertThat(Metrics.score(TRUTH, est, null, Metrics.Shd.DOUBLE_REVERSED).shd()).isEqualTo(2);
        assertThat(s.precision()).isCloseTo(2.0 / 3, within(TOL));
        assertThat(s.recall()).isCloseTo(2.0 / 3, within(TOL));
        assertThat(s.skeletonF1()).isCloseTo(1, within(TOL));
        assertThat(s.fdr()).isCloseTo(1.0 / 3, within(TOL));
        assertThat(s.fpr()).isCloseTo(1.0 / 3, within(TOL)); // 6 pairs - 3 true edges = 3 negatives
    }

    @Test
    void extraAndMissingEdgesCostOneEach() {
        Scores extra = Metrics.score(TRUTH, graph(4, Edge.directed(0, 1), Edge.directed(1, 2), Edge.directed(0, 3), Edge.directed(0, 2)));
        assertThat(extra.shd()).isEqualTo(1);
        assertThat(extra.extra()).isEqualTo(1);
        assertThat(extra.recall()).isCloseTo(1, within(TOL));
        assertThat(extra.precision()).isCloseTo(0.75, within(TOL));
        Scores missing = Metrics.score(TRUTH, graph(4, Edge.directed(0, 1), Edge.directed(1, 2)));
        assertThat(missing.shd()).isEqualTo(1);
        assertThat(missing.missing()).isEqualTo(1);
        assertThat(missing.precision()).isCloseTo(1, within(TOL));
    }

    @Test
    void undirectedEdgeCostsOneAndIsNotACorrectDirectedEdge() {
        Graph cpdag = graph(4, Edge.undirected(0, 1), Edge.directed(1, 2), Edge.directed(0, 3));
        Scores s = Metrics.score(TRUTH, cpdag);
        assertThat(s.shd()).isEqualTo(1);
        assertThat(Metrics.score(TRUTH, cpdag, null, Metrics.Shd.DOUBLE_REVERSED).shd()).isEqualTo(1);
        assertThat(s.undirected()).isEqualTo(1);
        assertThat(s.precision()).isCloseTo(2.0 / 3, within(TOL));
        assertThat(s.tpr()).as("NOTEARS counts an undirected skeleton match").isCloseTo(1, within(TOL));
        // both orientations listed read as undirected
        Scores both = Metrics.score(TRUTH, graph(4, Edge.directed(0, 1), Edge.directed(1, 0), Edge.directed(1, 2), Edge.directed(0, 3)));
        assertThat(both.undirected()).isEqualTo(1);
    }

    @Test
    void emptyEstimateHasZeroPrecisionAndF1() {
        Scores s = Metrics.score(TRUTH, graph(4));
        assertThat(s.shd()).isEqualTo(3);
        assertThat(s.precision()).isZero();
        assertThat(s.f1()).isZero();
    }

    @Test
    void headCollapseRateCountsNodesWithRepeatedPicks() {
        Dag two = Dag.of(new int[][] {{}, {}, {0, 1}, {2, 0}, {1, 3}});
        int[][] picks = {{}, {}, {0, 0}, {2, 0}, {3, 3}};
        assertThat(Metrics.headCollapseRate(two, picks)).isCloseTo(2.0 / 3, within(TOL));
        assertThat(Metrics.score(two, two, new int[][] {{}, {}, {0, 1}, {2, 0}, {1, 3}}).headCollapseRate()).isZero();
    }

    @Test
    void slotAccuracySeesSwappedHeadsThatF1Misses() {
        Dag two = Dag.of(new int[][] {{}, {}, {0, 1}, {2, 0}, {1, 3}});
        int[][] swapped = {{}, {}, {1, 0}, {0, 2}, {3, 1}};
        assertThat(Metrics.score(two, two, swapped).f1()).isCloseTo(1, within(TOL));
        assertThat(Metrics.slotAccuracy(two, swapped)).isZero();
        assertThat(Metrics.slotAccuracy(two, new int[][] {{}, {}, {0, 1}, {2, 0}, {1, 3}})).isCloseTo(1, within(TOL));
        assertThat(Metrics.slotAccuracy(two, new int[][] {{}, {}, {0, 0}, {2, 0}, {3, 3}})).isCloseTo(4.0 / 6, within(TOL));
        // extra heads beyond a node's in-degree are not counted
        Dag one = Dag.of(new int[][] {{}, {0}, {1}});
        assertThat(Metrics.slotAccuracy(one, new int[][] {{}, {0, 0}, {1, 0}})).isCloseTo(1, within(TOL));
    }

    @Test
    void slotAccuracyRejectsMismatchedPicks() {
        Dag two = Dag.of(new int[][] {{}, {}, {0, 1}});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Metrics.slotAccuracy(two, new int[][] {{}, {}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one per node");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Metrics.slotAccuracy(two, new int[][] {{}, {}, {}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 2");
    }
}
