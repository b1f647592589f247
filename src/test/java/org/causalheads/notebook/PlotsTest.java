package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.causalheads.numeric.LineFit;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

class PlotsTest {

    private static BufferedImage solid(int w, int h) {
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                b.setRGB(x, y, Color.RED.getRGB());
            }
        }
        return b;
    }

    @Test
    void gridSizeIsTheSumOfColumnWidthsAndRowHeights() {
        BufferedImage g = Plots.grid(2, solid(10, 5), solid(20, 7), solid(15, 3));
        assertThat(g.getWidth()).isEqualTo(15 + 20);
        assertThat(g.getHeight()).isEqualTo(7 + 3);
        assertThat(new Color(g.getRGB(0, 0))).isEqualTo(Color.RED);
        assertThat(new Color(g.getRGB(34, 9))).isEqualTo(Color.WHITE); // gap beside the last picture
    }

    @Test
    void attentionHeatmapRendersAPicture() {
        double[][] a = {{0, 0, 0}, {1, 0, 0}, {0.25, 0.75, 0}};
        BufferedImage img = Plots.attention("a", a);
        assertThat(img.getWidth()).isPositive();
        assertThat(img.getHeight()).isPositive();
    }

    @Test
    void pngAtAChosenSizeHasThatSize() {
        double[][] m = {{0.1, 0.9, 0.5}, {0.4, 0.2, 0.8}};
        BufferedImage img = Plots.png(Plots.heatmap("wide", m, 0, 1, null), 500, 160);
        assertThat(img.getWidth()).isEqualTo(500);
        assertThat(img.getHeight()).isEqualTo(160);
        assertThatThrownBy(() -> Plots.png(Plots.heatmap("wide", m, 0, 1, null), 0, 160))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x160");
    }

    @Test
    void badInputNamesTheValue() {
        assertThatThrownBy(() -> Plots.heatmap("x", new double[][] {{1}}, 1.0, 1.0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1.0, 1.0]");
        assertThatThrownBy(() -> Plots.heatmap("x", new double[][] {{1, 2}, {3}}, 0, 1, null))
                .hasMessageContaining("row 1 has 1");
        assertThatThrownBy(() -> Plots.grid(0, solid(1, 1))).hasMessageContaining("got 0");
    }

    @Test
    void recipesSetTheirStyleAndData() {
        XYChart c = Plots.xy("t", "x", "y");
        XYSeries p = Plots.points(c, "measured", new double[] {1, 2, 3}, new double[] {2, 4, 6});
        assertThat(p.getLineStyle()).isEqualTo(SeriesLines.NONE);
        XYSeries r = Plots.reference(c, "½", 0, 10, 0.5);
        assertThat(r.getMarker()).isEqualTo(SeriesMarkers.NONE);
        assertThat(r.getLineStyle()).isEqualTo(SeriesLines.DASH_DASH);
        assertThat(r.getXData()).containsExactly(0, 10);
        assertThat(r.getYData()).containsExactly(0.5, 0.5);
        assertThat(c.getSeriesMap()).containsKeys("measured", "½");
    }

    @Test
    void aFittedLinePassesThroughTheFitsPredictions() {
        double[] x = {1, 2, 4, 8}, y = {3, 5, 9, 17};   // y = 1 + 2x
        XYSeries f = Plots.fit(Plots.xy("t", "x", "y"), "fit", LineFit.of(x, y), 1, 8, false);
        assertThat(f.getYData()[0]).isCloseTo(3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(f.getYData()[1]).isCloseTo(17, org.assertj.core.api.Assertions.within(1e-9));
        double[] py = {2, 8, 32, 128};                   // y = 2x²
        XYSeries g = Plots.fit(Plots.logAxes(Plots.xy("t", "x", "y"), true, true), "fit", LineFit.logLog(x, py), 1, 8, true);
        assertThat(g.getYData()[0]).isCloseTo(2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(g.getYData()[1]).isCloseTo(128, org.assertj.core.api.Assertions.within(1e-9));
    }
}
