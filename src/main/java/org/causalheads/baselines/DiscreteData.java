package org.causalheads.baselines;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Discrete samples for a structure-learning baseline: {@code n} rows of {@code T} state indices,
 * the number of states of every column, and column names. Immutable (the samples are copied, and
 * kept column by column, the layout Tetrad reads).
 *
 * <p>If a baseline is run with the known order, the column order is taken to be a topological
 * order (as the samples of {@code BayesNet.sample} are).
 */
public final class DiscreteData {

    private final int[][] columns; // [column][row]
    private final int[] states;
    private final List<String> names;

    private DiscreteData(int[][] columns, int[] states, List<String> names) {
        this.columns = columns;
        this.states = states;
        this.names = names;
    }

    /** Samples with default names {@code X0, X1, ...}. */
    public static DiscreteData of(int[][] samples, int[] states) {
        return of(samples, states, null);
    }

    /**
     * Samples {@code [row][column]} with {@code states[j]} states in column {@code j} (values
     * {@code 0..states[j]-1}) and the given column names ({@code null} for defaults).
     *
     * @throws IllegalArgumentException for no samples, ragged rows, a state count below 1, a number
     *                                  of state counts or names different from the number of
     *                                  columns, duplicate names, or a value outside its column's
     *                                  states (the message names the row, column and value)
     */
    public static DiscreteData of(int[][] samples, int[] states, List<String> names) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("need at least one sample, got n = 0");
        }
        if (states == null) {
            throw new IllegalArgumentException("states must not be null");
        }
        int t = states.length;
        if (t == 0) {
            throw new IllegalArgumentException("need at least one column, got 0 state counts");
        }
        for (int j = 0; j < t; j++) {
            if (states[j] < 1) {
                throw new IllegalArgumentException("column " + j + " has " + states[j]
                        + " states, expected at least 1");
            }
        }
        List<String> nm;
        if (names == null) {
            nm = new ArrayList<>();
            for (int j = 0; j < t; j++) {
                nm.add("X" + j);
            }
        } else {
            if (names.size() != t) {
                throw new IllegalArgumentException("got " + names.size() + " names for " + t
                        + " columns (one state count per column)");
            }
            if (names.stream().anyMatch(java.util.Objects::isNull) || new HashSet<>(names).size() != t) {
                throw new IllegalArgumentException("column names must be distinct and non-null, got " + names);
            }
            nm = names;
        }
        int n = samples.length;
        int[][] cols = new int[t][n];
        for (int r = 0; r < n; r++) {
            int[] row = samples[r];
            if (row == null || row.length != t) {
                throw new IllegalArgumentException("sample " + r + " has " + (row == null ? "no" : row.length)
                        + " values, expected " + t + " (one per state count)");
            }
            for (int j = 0; j < t; j++) {
                int v = row[j];
                if (v < 0 || v >= states[j]) {
                    throw new IllegalArgumentException("sample " + r + ", column " + j + " ('" + nm.get(j)
                            + "') has value " + v + ", expected a state in 0.." + (states[j] - 1));
                }
                cols[j][r] = v;
            }
        }
        return new DiscreteData(cols, states.clone(), List.copyOf(nm));
    }

    /** Number of samples {@code n}. */
    public int rows() {
        return columns[0].length;
    }

    /** Number of columns {@code T}. */
    public int size() {
        return columns.length;
    }

    /** Number of states of every column (a copy). */
    public int[] states() {
        return states.clone();
    }

    /** Column names. */
    public List<String> names() {
        return names;
    }

    /** Value of sample {@code r} in column {@code j}. */
    public int value(int r, int j) {
        return columns[j][r];
    }

    /** Column {@code j}: the state of every sample (a copy). */
    public int[] column(int j) {
        if (j < 0 || j >= columns.length) {
            throw new IllegalArgumentException("column " + j + " out of range 0.." + (columns.length - 1));
        }
        return columns[j].clone();
    }

    /** The columns, shared with the adapter (never exposed). */
    int[][] columnsShared() {
        return columns;
    }
}
