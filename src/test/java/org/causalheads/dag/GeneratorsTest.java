package org.causalheads.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    @Test
    void randomKParentHasKEarlierDistinctParentsAndRootsFirst() {
        Dag d = Generators.randomKParent(30, 3, 2, 5L);
        int roots = 0;
        for (int i = 0; i < d.size(); i++) {
            if (i < 3) {
                assertThat(d.isRoot(i)).isTrue();
            }
            if (d.isRoot(i)) {
                roots++;
                continue;
            }
            int[] p = d.parents(i);
            assertThat(p).hasSize(3);
            assertThat(java.util.Arrays.stream(p).max().getAsInt()).isLessThan(i);
            assertThat(new HashSet<>(java.util.Arrays.stream(p).boxed().toList())).hasSize(3);
        }
        assertThat(roots).isEqualTo(3 + 2);
    }

    @Test
    void sameSeedSameGraphAndSlotOrderIsNotSorted() {
        assertThat(Generators.randomKParent(40, 2, 9L)).isEqualTo(Generators.randomKParent(40, 2, 9L));
        Dag d = Generators.randomKParent(40, 2, 9L);
        boolean someUnsorted = false;
        for (int i = 2; i < 40; i++) {
            someUnsorted |= d.parent(i, 0) > d.parent(i, 1);
        }
        assertThat(someUnsorted).as("random slot order").isTrue();
    }

    @Test
    void bandedParentsStayInWindow() {
        Dag d = Generators.banded(50, 2, 5, 3L);
        for (int i = 2; i < 50; i++) {
            for (int p : d.parents(i)) {
                assertThat(p).isBetween(i - 5, i - 1);
            }
        }
    }

    @Test
    void chainIsPreviousPosition() {
        Dag d = Generators.chain(6);
        Set<Edge> edges = new HashSet<>(d.edges());
        for (int i = 1; i < 6; i++) {
            assertThat(edges).contains(Edge.directed(i - 1, i));
        }
        assertThat(d.edgeCount()).isEqualTo(5);
    }

    @Test
    void badInputNamesTheValue() {
        assertThatThrownBy(() -> Generators.randomKParent(3, 3, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("T = 3").hasMessageContaining("T > K");
        assertThatThrownBy(() -> Generators.banded(10, 3, 2, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window = 2");
        assertThatThrownBy(() -> Generators.randomKParent(10, 2, 8, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extraRoots = 8");
        assertThatThrownBy(() -> Dag.of(new int[][] {{}, {}, {3}, {}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parent 3 of node 2");
    }
}
