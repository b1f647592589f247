package org.causalheads.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FDivergenceTest {

    private static final double TOL = 1e-12;
    private static final double[] GRID = {0.05, 0.2, 0.5, 0.9, 1.0, 1.3, 2.0, 3.5, 7.0};

    @ParameterizedTest
    @EnumSource(FDivergence.class)
    void generatorVanishesAtOne(FDivergence f) {
        assertThat(f.f(1)).isCloseTo(0, within(TOL));
    }

    @ParameterizedTest
    @EnumSource(FDivergence.class)
    void generatorIsMidpointConvex(FDivergence f) {
        for (double x : GRID) {
            for (double y : GRID) {
                assertThat(f.f((x + y) / 2)).isLessThanOrEqualTo((f.f(x) + f.f(y)) / 2 + TOL);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FDivergence.class)
    void derivativeMatchesFiniteDifferenceAwayFromKinks(FDivergence f) {
        double h = 1e-6;
        for (double x : GRID) {
            if (x == 1.0 && f == FDivergence.TV) {
                continue;
            }
            assertThat(f.derivative(x)).isCloseTo((f.f(x + h) - f.f(x - h)) / (2 * h), within(1e-6));
        }
    }

    /** Fenchel-Young: f*(f'(r)) = sup_t [t f'(r) - f(t)], attained at t = r. */
    @ParameterizedTest
    @EnumSource(FDivergence.class)
    void conjugateAtDerivativeIsTheSupremum(FDivergence f) {
        for (double r : GRID) {
            double c = f.conjugateAtDerivative(r);
            assertThat(c).isCloseTo(r * f.derivative(r) - f.f(r), within(TOL));
            for (double t : GRID) {
                assertThat(t * f.derivative(r) - f.f(t)).isLessThanOrEqualTo(c + TOL);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FDivergence.class)
    void bregmanIsNonNegativeAndZeroOnTheDiagonal(FDivergence f) {
        for (double a : GRID) {
            assertThat(f.bregman(a, a)).isCloseTo(0, within(TOL));
            for (double b : GRID) {
                assertThat(f.bregman(a, b)).isGreaterThanOrEqualTo(-TOL);
            }
        }
    }
}
