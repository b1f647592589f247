package org.causalheads.info;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The information gap of a value table on a DAG: for a non-root node {@code i} with at least two
 * candidates and slot {@code l},
 * <pre>  Δ(i, l) = V^l_{i, p_l(i)} - max_{j < i, j ≠ p_l(i)} V^l_{ij},</pre>
 * per slot {@code Δ_l = min_i Δ(i, l)}, overall {@code Δ = min_l Δ_l}. On population values a
 * slot with {@code Δ(i, l) > 0} is recovered by gradient ascent; {@code Δ(i, l) <= 0} means the
 * objective prefers another position (not identifiable by that objective).
 */
public final class Gap {

    private final double[][] perNode; // [i][l], NaN where undefined

    Gap(double[][] perNode) {
        this.perNode = perNode;
    }

    /** {@code Δ(i, l)}, empty for roots and nodes with fewer than two candidates. */
    public OptionalDouble at(int i, int slot) {
        double v = perNode[i][slot];
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The per-node map {@code [i][l]} (a copy; {@code NaN} where undefined), for a heat map. */
    public double[][] table() {
        double[][] c = new double[perNode.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = perNode[i].clone();
        }
        return c;
    }

    /** {@code Δ_l} per slot ({@code NaN} for a slot with no qualifying node). */
    public double[] bySlot() {
        int k = perNode.length == 0 ? 0 : perNode[0].length;
        double[] m = new double[k];
        Arrays.fill(m, Double.NaN);
        for (double[] row : perNode) {
            for (int l = 0; l < k; l++) {
                if (!Double.isNaN(row[l]) && !(row[l] >= m[l])) {
                    m[l] = row[l];
                }
            }
        }
        return m;
    }

    /** {@code Δ = min over nodes and slots} ({@code NaN} if no node qualifies). */
    public double min() {
        double m = Double.NaN;
        for (double v : bySlot()) {
            if (!Double.isNaN(v) && !(v >= m)) {
                m = v;
            }
        }
        return m;
    }

    /** Number of (node, slot) entries with {@code Δ(i, l) <= 0}: slots this objective cannot recover. */
    public int nonPositiveSlots() {
        int c = 0;
        for (double[] row : perNode) {
            for (double v : row) {
                if (v <= 0) {
                    c++;
                }
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return "Gap[min=" + min() + ", bySlot=" + Arrays.toString(bySlot()) + ", nonPositive=" + nonPositiveSlots() + "]";
    }
}
