package org.causalheads.attention;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened during training: the objective at every epoch, the attention each head puts on
 * its true parent ({@code a^l_{i, p_l(i)}}) at recorded epochs, and full attention snapshots.
 *
 * <p>Recorded epochs start at stride {@link AscentConfig#historyStride()}; when the fixed record
 * buffer ({@link #MAX_RECORDS}) fills, every other record is dropped and the stride doubles, so a
 * long run keeps an evenly spaced trace. The last epoch is always recorded.
 */
public final class History {

    /** Capacity of the parent-attention record buffer. */
    public static final int MAX_RECORDS = 2048;

    private final double[] objective;
    private final int[] epochs;
    private final float[][][] parentAttention; // [rec][i][l], NaN for roots
    private final Map<Integer, Attention> snapshots;

    History(double[] objective, int[] epochs, float[][][] parentAttention, Map<Integer, Attention> snapshots) {
        this.objective = objective;
        this.epochs = epochs;
        this.parentAttention = parentAttention;
        this.snapshots = Collections.unmodifiableMap(new TreeMap<>(snapshots));
    }

    /** {@code L_f} at epochs {@code 0..epochsRun} (a copy). */
    public double[] objective() {
        return objective.clone();
    }

    /** The epochs at which parent attention was recorded (a copy). */
    public int[] recordedEpochs() {
        return epochs.clone();
    }

    /**
     * Attention of head {@code l} of node {@code i} on its true parent {@code p_l(i)} at each
     * recorded epoch ({@code NaN} for a root).
     */
    public double[] parentAttention(int i, int slot) {
        double[] c = new double[epochs.length];
        for (int r = 0; r < c.length; r++) {
            c[r] = parentAttention[r][i][slot];
        }
        return c;
    }

    /** The smallest true-parent attention over non-root (node, head) at each recorded epoch. */
    public double[] minParentAttention() {
        double[] c = new double[epochs.length];
        for (int r = 0; r < c.length; r++) {
            double m = Double.NaN;
            for (float[] row : parentAttention[r]) {
                for (float v : row) {
                    if (!Float.isNaN(v) && !(v >= m)) {
                        m = v;
                    }
                }
            }
            c[r] = m;
        }
        return c;
    }

    /** Full attention snapshots by epoch (the requested ones that were reached, and the last). */
    public Map<Integer, Attention> snapshots() {
        return snapshots;
    }
}
