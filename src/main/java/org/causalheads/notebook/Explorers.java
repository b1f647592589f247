package org.causalheads.notebook;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Config;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Interactive explorers of tidy result tables: each returns an {@link Explorer}, a set of Tablesaw
 * plotly panels with an XChart twin of the same data. A notebook cell is one call, e.g.
 * {@code Explorers.methodSweep("K-parent problems", sweep)}.
 *
 * <p>An axis is logarithmic when its values are all positive and span more than two decades.
 * Where a table has several rows per x value (seeds), a panel shows every row as a faint point
 * (hover names the row) and the mean per x as a line.
 */
public final class Explorers {

    /** Width and height in pixels of one panel (plotly) and of one twin chart (XChart). */
    static final int PANEL_WIDTH = 450;
    static final int PANEL_HEIGHT = 340;

    private Explorers() {
    }

    /**
     * One panel per {@code y} column against {@code x}: every row a point (hover shows the row),
     * the mean over rows with the same {@code x} a line.
     *
     * @param title shown above the panels
     * @param runs one row per run, with numeric columns {@code x} and every {@code y}
     */
    public static Explorer perRun(String title, Table runs, String x, String... ys) {
        requireColumns(runs, x, ys);
        List<Figure> panels = new ArrayList<>();
        List<BufferedImage> twins = new ArrayList<>();
        double[] xs = numeric(runs, x);
        String[] hover = rowTexts(runs);
        for (String y : ys) {
            double[] vs = numeric(runs, y);
            Map<Double, double[]> mean = meanByX(xs, vs);
            double[] mx = keys(mean), my = firstOf(mean);
            boolean logX = isLog(xs), logY = isLog(vs);
            List<Trace> traces = List.of(
                    ScatterTrace.builder(xs, vs).mode(ScatterTrace.Mode.MARKERS).name(y + ", each run").text(hover)
                            .marker(Marker.builder().size(6).opacity(0.45).build()).build(),
                    ScatterTrace.builder(mx, my).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(y + ", mean").build());
            panels.add(figure(y + " against " + x, x, y, logX, logY, traces));
            XYChart c = chart(y + " against " + x, x, y, logX, logY);
            c.addSeries(y + ", each run", xs, vs).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            c.addSeries(y + ", mean", mx, my);
            twins.add(Plots.png(c));
        }
        return new Explorer(title, panels, Plots.grid(2, twins.toArray(BufferedImage[]::new)));
    }

    /**
     * One panel, one series per {@code y} column against {@code x} (the mean where several rows
     * share an {@code x}); for columns on one scale, e.g. shares and probabilities.
     *
     * @param reference a horizontal line drawn across the panel, or {@code Double.NaN} for none
     * @param referenceName its legend entry
     */
    public static Explorer overlay(String title, Table table, String x, double reference, String referenceName, String... ys) {
        requireColumns(table, x, ys);
        double[] xs = numeric(table, x);
        boolean logX = isLog(xs);
        List<Trace> traces = new ArrayList<>();
        XYChart c = chart(title, x, "value", logX, false);
        for (String y : ys) {
            Map<Double, double[]> mean = meanByX(xs, numeric(table, y));
            double[] mx = keys(mean), my = firstOf(mean);
            traces.add(ScatterTrace.builder(mx, my).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(y).build());
            c.addSeries(y, mx, my);
        }
        if (!Double.isNaN(reference) && xs.length > 0) {
            double lo = min(xs), hi = max(xs);
            double[] rx = {lo, hi}, ry = {reference, reference};
            traces.add(ScatterTrace.builder(rx, ry).mode(ScatterTrace.Mode.LINE).name(referenceName).build());
            c.addSeries(referenceName, rx, ry).setMarker(SeriesMarkers.NONE);
        }
        Figure f = figure(title, x, "value", logX, false, traces);
        return new Explorer(title, List.of(f), Plots.png(c));
    }

    /**
     * A method sweep (the tidy CSV of {@code sweep methods}: columns {@code method}, {@code n},
     * {@code f1}, {@code shd}, optionally {@code problem}): per problem (network), F1 and SHD
     * against n, one series per method, the mean over seeds; hover gives the range over seeds.
     */
    public static Explorer methodSweep(String title, Table sweep) {
        requireColumns(sweep, "n", "method", "f1", "shd");
        List<String> problems = sweep.containsColumn("problem")
                ? new ArrayList<>(new LinkedHashSet<>(sweep.stringColumn("problem").asList())) : List.of("");
        List<Figure> panels = new ArrayList<>();
        List<BufferedImage> twins = new ArrayList<>();
        for (String problem : problems) {
            Table p = problem.isEmpty() ? sweep : sweep.where(sweep.stringColumn("problem").isEqualTo(problem));
            String suffix = problem.isEmpty() ? "" : " (" + problem + ")";
            for (String metric : List.of("f1", "shd")) {
                String label = metric.equals("f1") ? "directed F1" : "SHD";
                boolean logX = isLog(numeric(p, "n"));
                List<Trace> traces = new ArrayList<>();
                XYChart c = chart(label + suffix, "samples n", label, logX, false);
                c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
                for (String method : new LinkedHashSet<>(p.stringColumn("method").asList())) {
                    Table m = p.where(p.stringColumn("method").isEqualTo(method));
                    Map<Double, double[]> stats = meanByX(numeric(m, "n"), numeric(m, metric));
                    double[] mx = keys(stats), my = firstOf(stats);
                    String[] text = new String[mx.length];
                    int q = 0;
                    for (Map.Entry<Double, double[]> e : stats.entrySet()) {
                        double[] s = e.getValue();
                        text[q++] = String.format(Locale.ROOT, "%s, n = %.0f: mean %s %.3f (%.3f to %.3f over %d runs)",
                                method, e.getKey(), label, s[0], s[1], s[2], (int) s[3]);
                    }
                    traces.add(ScatterTrace.builder(mx, my).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(method).text(text).build());
                    c.addSeries(method, mx, my);
                }
                panels.add(figure(label + suffix, "samples n", label, logX, false, traces));
                twins.add(Plots.png(c));
            }
        }
        return new Explorer(title, panels, Plots.grid(2, twins.toArray(BufferedImage[]::new)));
    }

    // ------------------------------------------------------------------------------------------

    private static Figure figure(String title, String xTitle, String yTitle, boolean logX, boolean logY, List<Trace> traces) {
        // Tablesaw writes titles into single-quoted JavaScript strings
        Layout layout = Layout.builder(title.replace("'", "\u2019").replace("\\", "/"))
                .width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .margin(Margin.builder().left(60).right(20).top(60).bottom(50).build())
                .xAxis(Axis.builder().title(xTitle.replace("'", "\u2019")).type(logX ? Axis.Type.LOG : Axis.Type.LINEAR).build())
                .yAxis(Axis.builder().title(yTitle.replace("'", "\u2019")).type(logY ? Axis.Type.LOG : Axis.Type.LINEAR).build())
                .build();
        // no mode bar (it covers the title; drag still zooms, a double click resets), no logo
        Config config = Config.builder().displayModeBar(false).displayLogo(false).build();
        return new Figure(layout, config, traces.toArray(Trace[]::new));
    }

    private static XYChart chart(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
        XYChart c = Plots.xy(title, xTitle, yTitle);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        return c;
    }

    private static void requireColumns(Table t, String x, String... ys) {
        if (t == null) {
            throw new IllegalArgumentException("table is null; expected a Tablesaw table");
        }
        if (ys.length == 0 && !t.containsColumn(x)) {
            throw new IllegalArgumentException("table '" + t.name() + "' has no column '" + x + "'; its columns: " + t.columnNames());
        }
        List<String> all = new ArrayList<>(List.of(ys));
        all.add(0, x);
        for (String c : all) {
            if (!t.containsColumn(c)) {
                throw new IllegalArgumentException("table '" + t.name() + "' has no column '" + c + "'; its columns: " + t.columnNames());
            }
        }
    }

    private static double[] numeric(Table t, String name) {
        Column<?> c = t.column(name);
        if (!(c instanceof NumericColumn<?> n)) {
            throw new IllegalArgumentException("column '" + name + "' of '" + t.name() + "' is " + c.type() + "; expected a numeric column");
        }
        return n.asDoubleArray();
    }

    /** Per distinct x (ascending): {mean, min, max, count} of the finite values. */
    static Map<Double, double[]> meanByX(double[] xs, double[] ys) {
        Map<Double, double[]> acc = new TreeMap<>();
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(ys[i]) || !Double.isFinite(xs[i])) {
                continue;
            }
            double[] a = acc.computeIfAbsent(xs[i], k -> new double[] {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0});
            a[0] += ys[i];
            a[1] = Math.min(a[1], ys[i]);
            a[2] = Math.max(a[2], ys[i]);
            a[3]++;
        }
        Map<Double, double[]> out = new LinkedHashMap<>();
        acc.forEach((k, a) -> out.put(k, new double[] {a[0] / a[3], a[1], a[2], a[3]}));
        return out;
    }

    private static double[] keys(Map<Double, double[]> m) {
        return m.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] firstOf(Map<Double, double[]> m) {
        return m.values().stream().mapToDouble(a -> a[0]).toArray();
    }

    /** Positive values spanning more than two decades. */
    static boolean isLog(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (double d : v) {
            if (!Double.isFinite(d)) {
                continue;
            }
            if (d <= 0) {
                return false;
            }
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return hi > 0 && hi / lo > 100;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }

    /** "column = value" for every column of each row, for hover labels. */
    private static String[] rowTexts(Table t) {
        String[] out = new String[t.rowCount()];
        Set<String> names = new LinkedHashSet<>(t.columnNames());
        for (int r = 0; r < t.rowCount(); r++) {
            StringBuilder s = new StringBuilder();
            for (String name : names) {
                Column<?> c = t.column(name);
                if (s.length() > 0) {
                    s.append(", ");
                }
                Object v = c.get(r);
                s.append(name).append(" = ").append(v instanceof Double d ? Tables.format(d) : String.valueOf(v));
            }
            out[r] = s.toString();
        }
        return out;
    }
}
