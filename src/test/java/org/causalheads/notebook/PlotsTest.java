package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

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
}
