package org.causalheads.cli;

import java.io.PrintStream;

/**
 * A one-line text progress bar for long commands, redrawn in place with {@code \r} on a stream
 * (stderr by convention, so stdout stays machine-readable), at most ten times a second:
 * <pre>  sweep [##########----------]  12/24  50%  elapsed 0:31  eta 0:31</pre>
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;
    private String note = "";

    /**
     * @throws IllegalArgumentException if {@code total < 0}
     */
    public ProgressBar(String label, long total, PrintStream out) {
        if (total < 0) {
            throw new IllegalArgumentException("total = " + total + "; expected >= 0");
        }
        this.label = label;
        this.total = total;
        this.out = out;
        draw(true);
    }

    /** One more unit done. */
    public void step() {
        advance(1);
    }

    /** {@code units} more done. */
    public synchronized void advance(long units) {
        done = Math.min(total, done + units);
        draw(done == total);
    }

    /** Sets the units done (never backwards) and a short note shown after the bar, e.g. a loss. */
    public synchronized void set(long units, String note) {
        this.note = note == null ? "" : note;
        done = Math.max(done, Math.min(total, units));
        draw(done == total);
    }

    /** Units done so far. */
    public synchronized long done() {
        return done;
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double frac = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(frac * WIDTH);
        double elapsed = (now - start) / 1e9;
        String eta = done == 0 ? "?" : clock(elapsed / done * (total - done));
        out.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + done + "/" + total + String.format(" %3.0f%%", 100 * frac)
                + "  elapsed " + clock(elapsed) + "  eta " + eta + (note.isEmpty() ? "" : "  " + note) + "   ");
        out.flush();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    /** Final redraw and a newline. */
    @Override
    public synchronized void close() {
        draw(true);
        out.println();
    }
}
