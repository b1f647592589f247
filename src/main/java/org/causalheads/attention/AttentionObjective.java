package org.causalheads.attention;

/**
 * The reduced attention objective and its analytic gradient, on full T×T logit arrays
 * {@code q[l][i][j]} (only {@code j < i} used):
 * <pre>
 *   L(Q) = (1/T) Σ_i Σ_l Σ_{j<i} a^l_{ij} V^l_{ij},
 *   ∂L/∂Q^l_{ij} = (1/T) a^l_{ij} (V^l_{ij} - Σ_k a^l_{ik} V^l_{ik}).
 * </pre>
 * The {@link AttentionAscent} fuses the same formulas into one pass per row.
 */
public final class AttentionObjective {

    private AttentionObjective() {
    }

    /** {@code L(Q)}. */
    public static double value(double[][][] q, double[][][] v) {
        Attention a = Attention.softmax(q);
        int t = q[0].length;
        double sum = 0;
        for (int l = 0; l < q.length; l++) {
            for (int i = 1; i < t; i++) {
                for (int j = 0; j < i; j++) {
                    sum += a.weight(l, i, j) * v[l][i][j];
                }
            }
        }
        return sum / t;
    }

    /** {@code ∂L/∂Q} as full T×T arrays (0 where {@code j >= i}). */
    public static double[][][] gradient(double[][][] q, double[][][] v) {
        Attention a = Attention.softmax(q);
        int k = q.length, t = q[0].length;
        double[][][] g = new double[k][t][t];
        for (int l = 0; l < k; l++) {
            for (int i = 1; i < t; i++) {
                double m = 0;
                for (int j = 0; j < i; j++) {
                    m += a.weight(l, i, j) * v[l][i][j];
                }
                for (int j = 0; j < i; j++) {
                    g[l][i][j] = a.weight(l, i, j) * (v[l][i][j] - m) / t;
                }
            }
        }
        return g;
    }
}
