package org.causalheads.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.causalheads.numeric.Rng;
import org.junit.jupiter.api.Test;

class KernelTest {

    private static final double TOL = 1e-9;

    @Test
    void stationaryDistributionIsAFixedPoint() {
        Kernel k = Kernel.dirichletRows(6, 0.7, 3L);
        double[] mu = k.stationary();
        assertThat(k.stationarityResidual(mu)).isLessThan(TOL);
        assertThat(java.util.Arrays.stream(mu).sum()).isCloseTo(1, within(TOL));
        assertThat(java.util.Arrays.stream(mu).allMatch(v -> v > 0)).isTrue();
    }

    @Test
    void sinkhornIsPositiveDoublyStochasticWithUniformStationary() {
        Kernel k = Kernel.sinkhorn(5, 0.5, new Rng(4));
        assertThat(k.isPositive()).isTrue();
        assertThat(k.isDoublyStochastic()).isTrue();
        for (double v : k.stationary()) {
            assertThat(v).isCloseTo(0.2, within(TOL));
        }
    }

    @Test
    void strengthKnobInterpolatesUniformAndBase() {
        Kernel m = Kernel.sinkhorn(4, 1.0, 2L);
        assertThat(Kernel.withStrength(m, 0)).isEqualTo(Kernel.uniform(4));
        assertThat(Kernel.withStrength(m, 1).get(1, 2)).isCloseTo(m.get(1, 2), within(TOL));
        assertThat(Kernel.withStrength(m, 0.3).isDoublyStochastic()).isTrue();
    }

    @Test
    void badKernelsNameTheOffendingEntry() {
        assertThatThrownBy(() -> Kernel.of(new double[][] {{1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S = 1");
        assertThatThrownBy(() -> Kernel.of(new double[][] {{0.5, 0.6}, {0.5, 0.5}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 sums to 1.1");
        assertThatThrownBy(() -> Kernel.of(new double[][] {{1.5, -0.5}, {0.5, 0.5}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0][1] = -0.5");
        assertThatThrownBy(() -> Kernel.of(new double[][] {{0.5, 0.5, 0}, {0.5, 0.5}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 has length 3");
        assertThatThrownBy(() -> Kernel.of(new double[][] {{1, 0}, {0.5, 0.5}}).requirePositive("k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k[0][1] = 0.0");
        assertThatThrownBy(() -> Kernel.withStrength(Kernel.uniform(3), 1.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma = 1.2");
    }

    @Test
    void badConstructorArgumentsAndReducibleChainsNameTheValue() {
        assertThatThrownBy(() -> Kernel.sinkhorn(3, 0.0, 1L)).hasMessageContaining("concentration = 0.0");
        assertThatThrownBy(() -> Kernel.sinkhorn(3, Double.NaN, 1L)).hasMessageContaining("concentration = NaN");
        assertThatThrownBy(() -> Kernel.dirichletRows(3, -1.0, 1L)).hasMessageContaining("alpha = -1.0");
        Kernel twoBlocks = Kernel.of(new double[][] {{0.5, 0.5, 0, 0}, {0.5, 0.5, 0, 0}, {0, 0, 0.5, 0.5}, {0, 0, 0.5, 0.5}});
        assertThatThrownBy(twoBlocks::stationary)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no unique stationary distribution")
                .hasMessageContaining("[0.5, 0.5, 0.0, 0.0]");
    }
}
