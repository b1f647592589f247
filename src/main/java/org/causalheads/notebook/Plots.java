package org.causalheads.notebook;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.causalheads.numeric.LineFit;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart figures for notebooks, returned as {@link BufferedImage}s: every Java kernel (rapaio,
 * IJava, JJava) renders a bare {@code BufferedImage} cell value as an inline PNG, so notebooks
 * that show figures through these helpers need no kernel-specific display call.
 */
public final class Plots {

    /** Default figure width in pixels. */
    public static final int WIDTH = 640;
    /** Default figure height in pixels. */
    public static final int HEIGHT = 380;

    /** Sequential colour ramp for heatmaps: white to dark blue. */
    private static final Color[] RAMP = {
        new Color(0xF7FBFF), new Color(0xC6DBEF), new Color(0x6BAED6), new Color(0x2171B5), new Color(0x08306B)
    };

    private Plots() {
    }

    /** The chart as a picture (the chart's own width and height). */
    public static BufferedImage png(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * The chart drawn at a chosen size (e.g. a wide, low heatmap of a few rows), whatever size it
     * was built with.
     *
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public static BufferedImage png(Chart<?, ?> chart, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("picture size " + width + "x" + height + "; expected positive width and height");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        chart.paint(g, width, height);
        g.dispose();
        return img;
    }

    /** An empty line chart in the house style, to which a notebook adds series. */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setLegendBackgroundColor(new Color(255, 255, 255, 200));
        c.getStyler().setPlotGridLinesColor(new Color(0xE0E0E0));
        c.getStyler().setMarkerSize(5);
        return c;
    }

    /** A series drawn as a line without markers (a curve: a trajectory, a model's prediction). */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** A series drawn as markers without a line (measurements). */
    public static XYSeries points(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineStyle(SeriesLines.NONE);
        return s;
    }

    /**
     * A horizontal reference line at height {@code y} from {@code x0} to {@code x1} (a threshold,
     * a bound, a chance level): dashed, grey, without markers.
     */
    public static XYSeries reference(XYChart chart, String name, double x0, double x1, double y) {
        XYSeries s = line(chart, name, new double[] {x0, x1}, new double[] {y, y});
        s.setLineStyle(SeriesLines.DASH_DASH);
        s.setLineColor(Color.GRAY);
        return s;
    }

    /**
     * The fitted straight line {@code fit.predict(x)} from {@code x0} to {@code x1}; on a chart
     * with logarithmic axes, pass a {@link LineFit#logLog} fit and it is drawn as
     * {@code y = exp(intercept)·x^slope}, a straight line on those axes.
     */
    public static XYSeries fit(XYChart chart, String name, LineFit fit, double x0, double x1, boolean logLog) {
        double[] x = {x0, x1};
        double[] y = logLog
                ? new double[] {Math.exp(fit.predict(Math.log(x0))), Math.exp(fit.predict(Math.log(x1)))}
                : new double[] {fit.predict(x0), fit.predict(x1)};
        return line(chart, name, x, y);
    }

    /** Makes both axes of {@code chart} logarithmic ({@code logX}, {@code logY} each), and returns it. */
    public static XYChart logAxes(XYChart chart, boolean logX, boolean logY) {
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        return chart;
    }

    /**
     * A heatmap of a matrix {@code m[i][j]}: column {@code j} on the x axis, row {@code i} on the y axis with
     * row 0 at the top (as a matrix is read). Cells for which {@code show.test(i, j)} is false
     * (e.g. masked positions {@code j >= i} of causal attention) are left blank.
     *
     * @param min colour-scale minimum
     * @param max colour-scale maximum
     */
    public static HeatMapChart heatmap(String title, double[][] m, double min, double max, CellFilter show) {
        if (m.length == 0 || m[0].length == 0) {
            throw new IllegalArgumentException("heatmap needs a non-empty matrix, got " + m.length + " rows");
        }
        if (!(max > min)) {
            throw new IllegalArgumentException("heatmap colour range needs max > min, got [" + min + ", " + max + "]");
        }
        int rows = m.length;
        int cols = m[0].length;
        List<Integer> xs = new ArrayList<>(cols);
        for (int j = 0; j < cols; j++) {
            xs.add(j);
        }
        List<Integer> ys = new ArrayList<>(rows);
        for (int k = 0; k < rows; k++) {
            ys.add(rows - 1 - k);
        }
        List<Number[]> heat = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            if (m[i].length != cols) {
                throw new IllegalArgumentException("heatmap rows must have equal length: row " + i + " has "
                        + m[i].length + ", expected " + cols);
            }
            for (int j = 0; j < cols; j++) {
                if (show == null || show.test(i, j)) {
                    heat.add(new Number[] {j, rows - 1 - i, Math.max(min, Math.min(max, m[i][j]))});
                }
            }
        }
        int side = Math.max(220, Math.min(420, 60 + 14 * Math.max(rows, cols)));
        HeatMapChart c = new HeatMapChartBuilder().width(side + 120).height(side + 20).title(title).build();
        c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setGradientColorColumnWeight(12);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setRangeColors(RAMP);
        c.getStyler().setMin(min);
        c.getStyler().setMax(max);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setPlotGridLinesVisible(false);
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, rows > 30 ? 7 : 10));
        if (rows > 30 || cols > 30) {
            c.getStyler().setXAxisLabelRotation(90);
        }
        c.addSeries(title, xs, ys, heat);
        return c;
    }

    /** {@link #heatmap(String, double[][], double, double, CellFilter)} as a picture, range [0, 1]. */
    public static BufferedImage heatmap(String title, double[][] m) {
        return png(heatmap(title, m, 0.0, 1.0, null));
    }

    /** A [0, 1] heatmap as a picture, with axis titles for the columns ({@code x}) and rows ({@code y}). */
    public static BufferedImage heatmap(String title, double[][] m, String xTitle, String yTitle) {
        HeatMapChart c = heatmap(title, m, 0.0, 1.0, null);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        return png(c);
    }

    /**
     * A heatmap of causal attention {@code a[i][j]}: row {@code i} (the node) over the earlier
     * positions {@code j < i} it attends to, range [0, 1].
     */
    public static BufferedImage attention(String title, double[][] attention) {
        HeatMapChart c = heatmap(title, attention, 0.0, 1.0, (i, j) -> j < i);
        c.setXAxisTitle("j (attended position)");
        c.setYAxisTitle("i (node)");
        return png(c);
    }

    /** Pictures laid out left to right, wrapping after {@code perRow} of them, on white. */
    public static BufferedImage grid(int perRow, BufferedImage... images) {
        if (perRow < 1) {
            throw new IllegalArgumentException("perRow must be at least 1, got " + perRow);
        }
        if (images.length == 0) {
            throw new IllegalArgumentException("grid needs at least one picture");
        }
        int rows = (images.length + perRow - 1) / perRow;
        int[] colW = new int[Math.min(perRow, images.length)];
        int[] rowH = new int[rows];
        for (int k = 0; k < images.length; k++) {
            colW[k % perRow] = Math.max(colW[k % perRow], images[k].getWidth());
            rowH[k / perRow] = Math.max(rowH[k / perRow], images[k].getHeight());
        }
        int w = 0;
        for (int x : colW) {
            w += x;
        }
        int h = 0;
        for (int y : rowH) {
            h += y;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int y = 0;
        for (int r = 0; r < rows; r++) {
            int x = 0;
            for (int c = 0; c < perRow && r * perRow + c < images.length; c++) {
                g.drawImage(images[r * perRow + c], x, y, null);
                x += colW[c];
            }
            y += rowH[r];
        }
        g.dispose();
        return out;
    }

    /** Pictures side by side in one row. */
    public static BufferedImage row(BufferedImage... images) {
        return grid(Math.max(1, images.length), images);
    }

    /** Which cells of a heatmap to draw. */
    @FunctionalInterface
    public interface CellFilter {
        boolean test(int row, int col);
    }
}
