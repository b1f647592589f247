package org.causalheads.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LineFitTest {

    @Test
    void exactLineHasRSquaredOne() {
        LineFit f = LineFit.of(new double[] {1, 2, 3, 4}, new double[] {5, 7, 9, 11});
        assertThat(f.slope()).isCloseTo(2, within(1e-12));
        assertThat(f.intercept()).isCloseTo(3, within(1e-12));
        assertThat(f.r2()).isCloseTo(1, within(1e-12));
        assertThat(f.n()).isEqualTo(4);
        assertThat(f.predict(10)).isCloseTo(23, within(1e-12));
    }

    @Test
    void noisyPointsMatchTheTextbookFormulas() {
        // x = 0..4, y = 1, 3, 2, 5, 4: slope = Sxy/Sxx = 8/10, intercept = 3 - 0.8*2, R² = 64/(10*10)
        LineFit f = LineFit.of(new double[] {0, 1, 2, 3, 4}, new double[] {1, 3, 2, 5, 4});
        assertThat(f.slope()).isCloseTo(0.8, within(1e-12));
        assertThat(f.intercept()).isCloseTo(1.4, within(1e-12));
        assertThat(f.r2()).isCloseTo(0.64, within(1e-12));
    }

    @Test
    void logLogRecoversAPowerLaw() {
        double[] x = {2, 4, 8, 16};
        double[] y = new double[4];
        for (int k = 0; k < 4; k++) {
            y[k] = 3 * Math.pow(x[k], 1.7);
        }
        LineFit f = LineFit.logLog(x, y);
        assertThat(f.slope()).isCloseTo(1.7, within(1e-12));
        assertThat(Math.exp(f.intercept())).isCloseTo(3, within(1e-9));
    }

    @Test
    void badInputNamesTheValue() {
        assertThatThrownBy(() -> LineFit.of(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 points but y has 1");
        assertThatThrownBy(() -> LineFit.of(new double[] {3, 3}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all 2 x values equal 3");
        assertThatThrownBy(() -> LineFit.of(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 1");
        assertThatThrownBy(() -> LineFit.logLog(new double[] {1, 0}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
