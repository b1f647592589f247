package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ExplorersTest {

    /** Two problems, two methods, two sample sizes, two seeds. */
    private static Table sweep() {
        Table t = Table.create("sweep",
                StringColumn.create("problem"), StringColumn.create("method"), IntColumn.create("n"),
                IntColumn.create("seed"), DoubleColumn.create("f1"), IntColumn.create("shd"));
        for (String p : List.of("net-a", "net-b")) {
            for (String m : List.of("A", "B")) {
                for (int n : new int[] {100, 100000}) {
                    for (int s = 1; s <= 2; s++) {
                        t.stringColumn("problem").append(p);
                        t.stringColumn("method").append(m);
                        t.intColumn("n").append(n);
                        t.intColumn("seed").append(s);
                        t.doubleColumn("f1").append(n == 100 ? 0.2 * s : 1.0);
                        t.intColumn("shd").append(n == 100 ? 10 + s : 0);
                    }
                }
            }
        }
        return t;
    }

    @Test
    void methodSweepHasAnF1AndAnShdPanelPerProblemAndATwinOfTheSameLayout() throws Exception {
        Explorer e = Explorers.methodSweep("sweep", sweep());
        assertThat(e.panels()).hasSize(4);
        // the twin: two charts per row, two rows
        assertThat(e.getWidth()).isEqualTo(2 * Plots.WIDTH);
        assertThat(e.getHeight()).isEqualTo(2 * Plots.HEIGHT);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(e.pngBase64())));
        assertThat(decoded.getWidth()).isEqualTo(e.getWidth());
        assertThat(decoded.getRGB(e.getWidth() / 4, e.getHeight() / 4)).isEqualTo(e.getRGB(e.getWidth() / 4, e.getHeight() / 4));
    }

    @Test
    void htmlHasOneDivPerPanelTheTwinAsFallbackAndNoNetworkReference() {
        Explorer e = Explorers.methodSweep("sweep", sweep());
        String html = e.html();
        Matcher divs = Pattern.compile("<div id=\"(chexplorer_\\w+)\"").matcher(html);
        int count = 0;
        while (divs.find()) {
            count++;
            // Tablesaw names a JavaScript variable after the div: the id must be an identifier
            assertThat(divs.group(1)).matches("[A-Za-z_][A-Za-z0-9_]*");
            assertThat(html).contains("getElementById('" + divs.group(1) + "')");
        }
        assertThat(count).isEqualTo(e.panels().size());
        assertThat(html).contains("class=\"ch-twin\"").contains("data:image/png;base64," + e.pngBase64());
        assertThat(html).contains(Explorer.PLOTLY_MODULE).contains("Plotly.newPlot");
        assertThat(html).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void perRunMeanLineIsTheMeanOfTheRunsAtEachX() {
        Map<Double, double[]> m = Explorers.meanByX(new double[] {1, 1, 2, 2, 2}, new double[] {1, 3, 2, 4, Double.NaN});
        assertThat(m.keySet()).containsExactly(1.0, 2.0);
        assertThat(m.get(1.0)).containsExactly(2.0, 1.0, 3.0, 2.0);
        assertThat(m.get(2.0)).containsExactly(3.0, 2.0, 4.0, 2.0);
        Explorer e = Explorers.perRun("runs", sweep(), "n", "f1", "shd");
        assertThat(e.panels()).hasSize(2);
    }

    @Test
    void logAxesOnlyForPositiveValuesSpanningMoreThanTwoDecades() {
        assertThat(Explorers.isLog(new double[] {100, 100000})).isTrue();
        assertThat(Explorers.isLog(new double[] {1, 50})).isFalse();
        assertThat(Explorers.isLog(new double[] {0, 1000})).isFalse();
    }

    @Test
    void overlayDrawsTheReferenceLine() {
        Explorer e = Explorers.overlay("o", sweep(), "n", 0.837, "paper", "f1");
        assertThat(e.html()).contains("paper").contains("0.837");
    }

    @Test
    void badColumnsAreRejectedByName() {
        assertThatThrownBy(() -> Explorers.perRun("x", sweep(), "n", "nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'").hasMessageContaining("f1");
        assertThatThrownBy(() -> Explorers.perRun("x", sweep(), "n", "method"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'method'").hasMessageContaining("numeric");
        assertThatThrownBy(() -> Explorers.methodSweep("x", sweep().removeColumns("shd")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'shd'");
    }

    @Test
    void rapaioDisplaySendsHtmlAndPngInOneBundle() {
        Explorer e = Explorers.methodSweep("sweep", sweep());
        DisplayData d = new RapaioDisplay.ExplorerRenderer().render(null, e);
        assertThat(d.data()).containsKeys("text/html", "image/png", "text/plain");
        assertThat(d.data().get("image/png")).isEqualTo(e.pngBase64());
        assertThat((String) d.data().get("text/html")).contains("causal-heads-explorer");
    }
}
