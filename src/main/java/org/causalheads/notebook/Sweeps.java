package org.causalheads.notebook;

import tech.tablesaw.api.Table;

/**
 * Look-ups in a method sweep: a Tablesaw table with a {@code method} (string) and an {@code n}
 * (integer) column, one row per run, or its summary {@code sweep.summarize(cols…, mean).by("method", "n")},
 * one row per (method, n) with columns {@code "Mean [col]"}.
 */
public final class Sweeps {

    private Sweeps() {
    }

    /** The rows of {@code table} for {@code method}. */
    public static Table rows(Table table, String method) {
        return table.where(table.stringColumn("method").isEqualTo(method));
    }

    /** The rows of {@code table} for {@code method} at sample size {@code n}. */
    public static Table rows(Table table, String method, int n) {
        return table.where(table.stringColumn("method").isEqualTo(method).and(table.intColumn("n").isEqualTo(n)));
    }

    /**
     * The value of the numeric {@code column} in the one row of {@code table} for {@code method}
     * at {@code n} (a summary table has exactly one).
     *
     * @throws IllegalArgumentException if there is no such row, or more than one (naming the key and the count)
     */
    public static double value(Table table, String method, int n, String column) {
        Table r = rows(table, method, n);
        if (r.rowCount() != 1) {
            throw new IllegalArgumentException("expected one row of " + table.name() + " for method " + method + " at n = " + n
                    + ", found " + r.rowCount());
        }
        return r.numberColumn(column).getDouble(0);
    }

    /** {@link #value} of the column {@code "Mean [column]"} of a summary by method and n. */
    public static double mean(Table summary, String method, int n, String column) {
        return value(summary, method, n, "Mean [" + column + "]");
    }
}
