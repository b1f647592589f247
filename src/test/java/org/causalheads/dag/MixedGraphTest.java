package org.causalheads.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class MixedGraphTest {

    @Test
    void holdsDirectedAndUndirectedEdgesInCanonicalOrder() {
        MixedGraph g = MixedGraph.of(4, List.of(Edge.undirected(3, 2), Edge.directed(1, 0), Edge.directed(0, 2)),
                List.of("a", "b", "c", "d"));
        MixedGraph h = MixedGraph.of(4, List.of(Edge.directed(0, 2), Edge.undirected(2, 3), Edge.directed(1, 0)),
                List.of("a", "b", "c", "d"));
        assertThat(g).isEqualTo(h).hasSameHashCodeAs(h);
        assertThat(g.directedCount()).isEqualTo(2);
        assertThat(g.undirectedCount()).isEqualTo(1);
        assertThat(g.hasDirected(1, 0)).isTrue();
        assertThat(g.hasDirected(0, 1)).isFalse();
        assertThat(g.hasUndirected(3, 2)).isTrue();
        assertThat(g.isAdjacent(1, 3)).isFalse();
        assertThat(g.toString()).contains("b -> a", "c -- d");
        assertThat(g.names()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void rejectsSelfLoopsDuplicatePairsAndBadEnds() {
        assertThatThrownBy(() -> MixedGraph.of(3, List.of(Edge.directed(1, 1)))).hasMessageContaining("self-loop");
        assertThatThrownBy(() -> MixedGraph.of(3, List.of(Edge.directed(0, 1), Edge.directed(1, 0))))
                .hasMessageContaining("more than one edge");
        assertThatThrownBy(() -> MixedGraph.of(3, List.of(Edge.directed(0, 1), Edge.undirected(0, 1))))
                .hasMessageContaining("more than one edge");
        assertThatThrownBy(() -> MixedGraph.of(3, List.of(Edge.directed(0, 3)))).hasMessageContaining("outside 0..2");
        assertThatThrownBy(() -> MixedGraph.of(2, List.of(), List.of("a", "a"))).hasMessageContaining("distinct");
        assertThatThrownBy(() -> MixedGraph.of(0, List.of())).hasMessageContaining("size 0");
    }

    @Test
    void aDagConvertsToAllDirectedEdges() {
        Dag d = Dag.of(new int[][] {{}, {0}, {0, 1}}, List.of("x", "y", "z"));
        MixedGraph g = MixedGraph.of(d);
        assertThat(g.edges()).containsExactlyInAnyOrderElementsOf(d.edges());
        assertThat(g.undirectedCount()).isZero();
        assertThat(g.names()).isEqualTo(d.names());
    }
}
