package org.causalheads.cli;

import java.io.PrintStream;

/** A one-line text progress bar redrawn in place on a terminal stream (stderr). */
final class IncontextProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;

    IncontextProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** Redraws the bar at {@code fraction} with a trailing note. */
    void update(double fraction, String note) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
        out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3d%% ", Math.round(fraction * 100)) + note + "   ");
        out.flush();
    }

    /** Ends the line. */
    void done() {
        out.println();
    }
}
