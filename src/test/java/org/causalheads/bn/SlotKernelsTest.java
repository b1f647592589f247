package org.causalheads.bn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SlotKernelsTest {

    private static final double TOL = 1e-12;

    @ParameterizedTest
    @ValueSource(strings = {"asia", "cancer", "child"})
    void kernelsAreRowStochasticRectangularTables(String name) throws IOException {
        BayesNet net = BayesNetTest.load(name);
        SlotKernels k = net.slotKernels();
        assertThat(k.size()).isEqualTo(net.size());
        for (int i = 0; i < net.size(); i++) {
            assertThat(Arrays.stream(k.marginal(i)).sum()).isCloseTo(1.0, within(TOL));
            int[] pa = net.parents(i);
            assertThat(k.slots(i)).isEqualTo(pa.length);
            for (int l = 0; l < pa.length; l++) {
                double[][] pi = k.kernel(i, l);
                assertThat(k.parent(i, l)).isEqualTo(pa[l]);
                assertThat(pi.length).isEqualTo(net.variable(pa[l]).size());
                for (double[] row : pi) {
                    assertThat(row).hasSize(net.variable(i).size());
                    assertThat(Arrays.stream(row).sum()).isCloseTo(1.0, within(TOL));
                    for (double v : row) {
                        assertThat(v).isGreaterThanOrEqualTo(0.0);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asia", "cancer", "child"})
    void singleParentKernelIsTheCpt(String name) throws IOException {
        BayesNet net = BayesNetTest.load(name);
        SlotKernels k = net.slotKernels();
        int checked = 0;
        for (int i = 0; i < net.size(); i++) {
            if (net.parents(i).length == 1) {
                assertThat(k.kernel(i, 0)).isDeepEqualTo(net.cpt(i));
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void withIndependentParentsTheKernelIsTheExactConditional() throws IOException {
        // cancer: Cancer | Pollution, Smoker with two independent roots
        BayesNet net = BayesNetTest.load("cancer");
        int cancer = net.indexOf("Cancer");
        SlotKernels k = net.slotKernels();
        for (int l = 0; l < 2; l++) {
            double[][] pi = k.kernel(cancer, l);
            double[][] exact = k.pairConditional(k.parent(cancer, l), cancer);
            for (int s = 0; s < pi.length; s++) {
                for (int u = 0; u < pi[s].length; u++) {
                    assertThat(pi[s][u]).isCloseTo(exact[s][u], within(1e-9));
                }
            }
        }
        assertThat(k.marginal(cancer)).containsExactly(net.marginal(cancer));
    }

    @Test
    void badIndicesAreRejected() {
        SlotKernels k = Networks.asia().slotKernels();
        assertThatThrownBy(() -> k.kernel(0, 0)).hasMessageContaining("0 parent slot(s)");
        assertThatThrownBy(() -> k.marginal(8)).hasMessageContaining("out of range");
    }
}
