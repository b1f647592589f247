package org.causalheads.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.util.List;

import org.causalheads.bn.BayesNet;
import org.causalheads.dag.Dag;
import org.causalheads.dag.Edge;
import org.causalheads.dag.MixedGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BaselineTest {

    /** Loose bound: the methods should find most of a strongly dependent network's skeleton. */
    private static final double MIN_SKELETON_RECALL = 0.6;

    private static BayesNet net;
    private static DiscreteData data;

    /** Six nodes, strong dependencies, a collider B -> D <- C; mixed state counts. */
    @BeforeAll
    static void network() {
        net = BayesNet.builder("strong")
                .variable("A", "a0", "a1")
                .variable("B", "b0", "b1")
                .variable("C", "c0", "c1", "c2")
                .variable("D", "d0", "d1")
                .variable("E", "e0", "e1", "e2")
                .variable("F", "f0", "f1")
                .root("A", 0.5, 0.5)
                .cpt("B", List.of("A"), new double[][] {{0.9, 0.1}, {0.15, 0.85}})
                .cpt("C", List.of("A"), new double[][] {{0.8, 0.1, 0.1}, {0.1, 0.2, 0.7}})
                .cpt("D", List.of("B", "C"), new double[][] {
                        {0.9, 0.1}, {0.5, 0.5}, {0.1, 0.9},
                        {0.6, 0.4}, {0.2, 0.8}, {0.05, 0.95}})
                .cpt("E", List.of("D"), new double[][] {{0.8, 0.15, 0.05}, {0.1, 0.2, 0.7}})
                .cpt("F", List.of("E"), new double[][] {{0.9, 0.1}, {0.5, 0.5}, {0.1, 0.9}})
                .build();
        data = DiscreteData.of(net.sample(3000, 11), net.stateCounts(), net.names());
    }

    private static double skeletonRecall(MixedGraph g, Dag truth) {
        int found = 0;
        for (Edge e : truth.edges()) {
            if (g.isAdjacent(e.from(), e.to())) {
                found++;
            }
        }
        return (double) found / truth.edgeCount();
    }

    @Test
    void methodsRecoverMostOfTheSkeleton() {
        Dag truth = net.toDag();
        for (Baseline b : Baseline.defaults()) {
            for (boolean order : new boolean[] {false, true}) {
                BaselineResult r = b.run(data, order);
                assertThat(r.failure()).as(r.method()).isEmpty();
                assertThat(r.ok()).isTrue();
                assertThat(r.method()).startsWith(b.name());
                assertThat(r.graph().names()).isEqualTo(net.names());
                assertThat(skeletonRecall(r.graph(), truth)).as(r.method() + " found " + r.graph())
                        .isGreaterThanOrEqualTo(MIN_SKELETON_RECALL);
            }
        }
    }

    @Test
    void withTheKnownOrderNoEdgePointsBackwards() {
        Dag truth = net.toDag();
        for (Baseline b : Baseline.defaults()) {
            BaselineResult r = b.run(data, true);
            assertThat(r.ok()).as("%s: %s", r.method(), r.failure()).isTrue();
            assertThat(skeletonRecall(r.graph(), truth)).as(r.method() + " found " + r.graph())
                    .isGreaterThanOrEqualTo(MIN_SKELETON_RECALL);
            assertThat(r.graph().directedCount()).as(r.method() + " oriented nothing: " + r.graph()).isPositive();
            for (Edge e : r.graph().edges()) {
                if (e.directed()) {
                    assertThat(e.from()).as(r.method() + ": " + e).isLessThan(e.to());
                }
            }
        }
    }

    @Test
    void tetradEdgesConvertByTheirEndpoints() {
        DiscreteData four = DiscreteData.of(new int[][] {{0, 0, 0, 0}, {1, 1, 1, 1}}, new int[] {2, 2, 2, 2},
                List.of("a", "b", "c", "d"));
        List<edu.cmu.tetrad.graph.Node> x = new java.util.ArrayList<>();
        for (int j = 0; j < 4; j++) {
            x.add(new edu.cmu.tetrad.graph.GraphNode("X" + j));
        }
        edu.cmu.tetrad.graph.Graph g = new edu.cmu.tetrad.graph.EdgeListGraph(x);
        g.addEdge(edu.cmu.tetrad.graph.Edges.directedEdge(x.get(0), x.get(1)));        // X0 --> X1
        g.addEdge(new edu.cmu.tetrad.graph.Edge(x.get(3), x.get(1),
                edu.cmu.tetrad.graph.Endpoint.ARROW, edu.cmu.tetrad.graph.Endpoint.TAIL)); // X3 <-- X1, written backwards
        g.addEdge(edu.cmu.tetrad.graph.Edges.undirectedEdge(x.get(0), x.get(2)));      // X0 --- X2
        g.addEdge(edu.cmu.tetrad.graph.Edges.bidirectedEdge(x.get(2), x.get(3)));      // X2 <-> X3
        g.addEdge(edu.cmu.tetrad.graph.Edges.nondirectedEdge(x.get(1), x.get(2)));     // X1 o-o X2

        MixedGraph m = TetradAdapter.convert(g, four);

        assertThat(m.names()).containsExactly("a", "b", "c", "d");
        assertThat(m.edges()).hasSize(5);
        assertThat(m.hasDirected(0, 1)).isTrue();
        assertThat(m.hasDirected(1, 3)).as("arrow at node 1's far end: 1 -> 3").isTrue();
        assertThat(m.hasDirected(3, 1)).isFalse();
        assertThat(m.hasUndirected(0, 2)).isTrue();
        assertThat(m.hasUndirected(2, 3)).as("bidirected: orientation undecided").isTrue();
        assertThat(m.hasDirected(2, 3) || m.hasDirected(3, 2)).isFalse();
        assertThat(m.hasUndirected(1, 2)).as("circle endpoints: undecided").isTrue();
        assertThat(m.directedCount()).isEqualTo(2);
        assertThat(m.undirectedCount()).isEqualTo(3);
    }

    @Test
    void tooFewSamplesIsReportedNotThrown() {
        DiscreteData tiny = DiscreteData.of(net.sample(Baseline.MIN_SAMPLES - 1, 3), net.stateCounts(), net.names());
        for (Baseline b : Baseline.defaults()) {
            BaselineResult r = b.run(tiny);
            assertThat(r.ok()).isFalse();
            assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).contains("too few samples", "n = 9"));
            assertThat(r.graph().edges()).isEmpty();
            assertThat(r.graph().size()).isEqualTo(net.size());
        }
    }

    @Test
    void anExceptionInsideTheSearchIsReportedAndOutputIsRestored() {
        PrintStream out = System.out;
        BaselineResult r = TetradAdapter.guarded("boom", data, () -> {
            System.out.println("noise that must not reach the notebook");
            throw new IllegalStateException("singular table");
        });
        assertThat(System.out).isSameAs(out);
        assertThat(r.failure()).hasValue("Tetrad threw IllegalStateException: singular table");
        assertThat(r.graph().edges()).isEmpty();
    }

    @Test
    void badSettingsAndDataAreIllegalArguments() {
        assertThatThrownBy(() -> new Baseline.Pc(CiTest.CHI_SQUARE, 0.0)).hasMessageContaining("(0, 1), got 0.0");
        assertThatThrownBy(() -> new Baseline.Pc(CiTest.G_SQUARE, 1.5)).hasMessageContaining("got 1.5");
        assertThatThrownBy(() -> new Baseline.Pc(CiTest.G_SQUARE, Double.NaN)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> new Baseline.Fges(0, 1)).hasMessageContaining("sample prior");
        assertThatThrownBy(() -> new Baseline.Boss(10, -1, 1)).hasMessageContaining("structure prior");
        assertThatThrownBy(() -> DiscreteData.of(new int[0][], new int[] {2})).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> DiscreteData.of(new int[][] {{0, 2}}, new int[] {2, 2}))
                .hasMessageContaining("sample 0, column 1", "value 2", "0..1");
        assertThatThrownBy(() -> DiscreteData.of(new int[][] {{0, 1}}, new int[] {2, 2, 2}))
                .hasMessageContaining("sample 0 has 2 values, expected 3");
        assertThatThrownBy(() -> DiscreteData.of(new int[][] {{0, 1}}, new int[] {2, 2}, List.of("a")))
                .hasMessageContaining("1 names for 2 columns");
        assertThatThrownBy(() -> DiscreteData.of(new int[][] {{0, 1}}, new int[] {2, 2}, java.util.Arrays.asList("a", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct and non-null");
        assertThatThrownBy(() -> DiscreteData.of(new int[][] {{0, 1}}, new int[] {2, 2}, List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a, a]");
        assertThat(DiscreteData.of(new int[][] {{0, 1}}, new int[] {2, 2}, List.of("a", "b")).names())
                .as("an immutable name list").containsExactly("a", "b");
    }
}
