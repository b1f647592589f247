package org.causalheads.notebook;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import tech.tablesaw.plotly.components.Figure;

/**
 * An interactive figure with its static twin. The figure is one or more Tablesaw plotly panels
 * (hover, zoom, click a legend entry to hide a series); the twin is the same data drawn by XChart.
 * An {@code Explorer} <em>is</em> the twin as a {@link BufferedImage}, so a kernel that knows only
 * images (IJava, JJava) shows the picture; the rapaio kernel, through {@link RapaioDisplay}, sends
 * both {@code text/html} ({@link #html()}) and {@code image/png} in one output bundle.
 *
 * <p>The HTML carries the twin as its first child and draws the plotly panels over it only when
 * plotly.js is available: {@code window.Plotly} if the page loaded it (the offline site does), or
 * else the module {@value #PLOTLY_MODULE} through the notebook's RequireJS, which the notebook
 * server serves from the copy {@code environment/setup.sh} installs (loaded once per page; never
 * inlined, never from a CDN). Where scripts do not run (a code-hosting viewer, an untrusted
 * notebook, a missing copy) the twin stays.
 */
public final class Explorer extends BufferedImage {

    /** RequireJS module name of the local plotly.js copy, served by the notebook server as an nbextension. */
    public static final String PLOTLY_MODULE = "nbextensions/causal-heads/plotly";

    private static final AtomicLong IDS = new AtomicLong();

    private final String title;
    private final List<Figure> panels;
    private final String id;

    Explorer(String title, List<Figure> panels, BufferedImage twin) {
        super(twin.getWidth(), twin.getHeight(), BufferedImage.TYPE_INT_RGB);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("an explorer needs at least one panel, got none for '" + title + "'");
        }
        this.title = title;
        this.panels = List.copyOf(panels);
        // a JavaScript identifier too: Tablesaw names a variable after each panel's div
        this.id = "chexplorer_" + Long.toString(System.nanoTime(), 36) + "_" + IDS.incrementAndGet();
        Graphics2D g = createGraphics();
        g.drawImage(twin, 0, 0, null);
        g.dispose();
    }

    /** The title shown above the panels. */
    public String title() {
        return title;
    }

    /** The plotly panels. */
    public List<Figure> panels() {
        return panels;
    }

    /** The static twin as base64-encoded PNG bytes (what the kernel sends as {@code image/png}). */
    public String pngBase64() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(this, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /**
     * The interactive form: the static twin, then one {@code div} per panel, filled by a script
     * that uses plotly.js from the page or from the notebook server, and otherwise leaves the twin.
     */
    public String html() {
        StringBuilder h = new StringBuilder();
        h.append("<div class=\"causal-heads-explorer\" id=\"").append(id).append("\">\n");
        h.append("<img class=\"ch-twin\" alt=\"").append(escape(title))
                .append(" (static picture; the interactive version needs JavaScript)\" src=\"data:image/png;base64,")
                .append(pngBase64()).append("\">\n");
        h.append("<div class=\"ch-panels\" style=\"display:none\">");
        for (int i = 0; i < panels.size(); i++) {
            h.append("<div id=\"").append(id).append('_').append(i)
                    .append("\" style=\"display:inline-block;vertical-align:top\"></div>");
        }
        h.append("</div>\n</div>\n<script>\n(function () {\n")
                .append("  var root = document.getElementById('").append(id).append("');\n")
                .append("  if (!root) return;\n")
                .append("  function draw(Plotly) {\n")
                .append("    if (!Plotly || !Plotly.newPlot) return;\n")
                .append("    root.querySelector('.ch-panels').style.display = 'block';\n");
        for (int i = 0; i < panels.size(); i++) {
            h.append(script(panels.get(i), id + "_" + i));
        }
        h.append("    root.querySelector('.ch-twin').style.display = 'none';\n")
                .append("  }\n")
                .append("  if (window.Plotly) draw(window.Plotly);\n")
                .append("  else if (typeof require === 'function') require(['").append(PLOTLY_MODULE)
                .append("'], draw, function () { /* no local plotly.js: keep the static twin */ });\n")
                .append("})();\n</script>\n");
        return h.toString();
    }

    /** Tablesaw's plotting code for one panel, without its script tags, inside a block. */
    private static String script(Figure panel, String divId) {
        String js = panel.asJavascript(divId).replace("<script>", "").replace("</script>", "");
        return "    {\n" + js + "\n    }\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return "Explorer[" + title + ", " + panels.size() + " panel(s), " + getWidth() + "x" + getHeight() + " twin]";
    }
}
