package org.causalheads.notebook;

import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.Table;

/**
 * Display glue for the rapaio Java kernel, found through its {@code DisplayProvider} service: a
 * Tablesaw {@link Table} as a cell's value renders as a bounded, aligned HTML table (with the
 * plain-text form beside it), an XChart chart renders as an inline PNG, and an {@link Explorer}
 * renders as one output bundle with both its interactive {@code text/html} and its static
 * {@code image/png} twin. Other kernels do not load this class; the library does not need it.
 */
public final class RapaioDisplay implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new TableRenderer(), new ExplorerRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of(new ChartToImage());
    }

    /** Tablesaw table to HTML. */
    static final class TableRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return Table.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || mime.isEmpty() || mime.contains("html") || mime.contains("text");
        }

        @Override
        public DisplayData render(String mime, Object o) {
            Table t = (Table) o;
            DisplayData d = DisplayData.fromHtml(Tables.html(t));
            d.putText(t.print(Tables.DEFAULT_MAX_ROWS));
            return d;
        }
    }

    /** Explorer to HTML (plotly panels over the static twin) plus the twin as PNG, in one bundle. */
    static final class ExplorerRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return Explorer.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || mime.isEmpty() || mime.contains("html") || mime.contains("png") || mime.contains("image");
        }

        @Override
        public DisplayData render(String mime, Object o) {
            Explorer e = (Explorer) o;
            DisplayData d = DisplayData.fromHtml(e.html());
            d.putData("image/png", e.pngBase64());
            d.putText(e.toString());
            return d;
        }
    }

    /** XChart chart to a picture, which the kernel's image renderer shows as PNG. */
    static final class ChartToImage implements DisplayTransformer {
        @Override
        public boolean canTransform(Object o) {
            return o instanceof Chart<?, ?>;
        }

        @Override
        public Class<?> transformedClass() {
            return Chart.class;
        }

        @Override
        public Object transform(Object o) {
            return Plots.png((Chart<?, ?>) o);
        }
    }
}
