package org.causalheads.numeric;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Stationary distributions {@code μ = μP}, {@code Σμ = 1}, of row-stochastic matrices, two ways.
 *
 * <p>{@link #unique} checks: it solves {@code (Pᵀ − I) μ = 0} with the normalisation replacing one
 * equation (EJML) and throws when the chain has no unique stationary distribution (a reducible
 * chain leaves {@code Pᵀ − I} with a null space of dimension &gt; 1). For kernels given by a
 * caller.
 *
 * <p>{@link #gth} never fails: the Grassmann–Taksar–Heyman elimination, which uses no
 * subtractions and so stays accurate when the chain is nearly reducible — common for
 * Dirichlet(0.1) rows, where most of a row's mass sits on one or two states — working in place
 * on flat arrays without allocating, for kernels drawn by the million. Robustness rules:
 * <ul>
 *   <li>a pivot mass below {@link #FLOOR} (a state that, numerically, cannot reach the states
 *       eliminated before it) is replaced by {@code FLOOR}, i.e. the chain is treated as if it
 *       had a vanishing escape probability;</li>
 *   <li>the result is clipped at zero and renormalised; if it is still not a finite
 *       probability vector, the uniform distribution is returned.</li>
 * </ul>
 */
public final class Stationary {

    /** Pivot floor of {@link #gth}. */
    public static final double FLOOR = 1e-300;
    /** Largest {@code max |μP − μ|} that {@link #unique} accepts. */
    public static final double TOLERANCE = 1e-8;

    private Stationary() {
    }

    /**
     * Writes the stationary distribution of {@code pi[off..off+S·S)} (row-major, rows summing to
     * one) to {@code mu[muOff..muOff+S)}; {@code w[wo..wo+S·S)} is working memory.
     */
    public static void gth(double[] pi, int off, int s, double[] w, int wo, double[] mu, int muOff) {
        System.arraycopy(pi, off, w, wo, s * s);
        for (int n = s - 1; n >= 1; n--) {
            double sum = 0;
            int rn = n * s;
            for (int j = 0; j < n; j++) {
                sum += w[wo + rn + j];
            }
            if (!(sum > FLOOR)) {
                sum = FLOOR;
            }
            for (int i = 0; i < n; i++) {
                w[wo + i * s + n] /= sum;
            }
            for (int i = 0; i < n; i++) {
                double f = w[wo + i * s + n];
                if (f == 0) {
                    continue;
                }
                int ri = i * s;
                for (int j = 0; j < n; j++) {
                    w[wo + ri + j] += f * w[wo + rn + j];
                }
            }
        }
        mu[muOff] = 1;
        double total = 1;
        for (int n = 1; n < s; n++) {
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += mu[muOff + i] * w[wo + i * s + n];
            }
            mu[muOff + n] = v;
            total += v;
        }
        double clipped = 0;
        for (int n = 0; n < s; n++) {
            double v = mu[muOff + n] / total;
            v = v > 0 && Double.isFinite(v) ? v : 0;
            mu[muOff + n] = v;
            clipped += v;
        }
        if (!(clipped > 0) || !Double.isFinite(clipped)) {
            for (int n = 0; n < s; n++) {
                mu[muOff + n] = 1.0 / s;
            }
            return;
        }
        for (int n = 0; n < s; n++) {
            mu[muOff + n] /= clipped;
        }
    }

    /**
     * The unique stationary distribution of the row-stochastic matrix {@code p} (rows summing to
     * one, not checked here).
     *
     * @throws IllegalArgumentException if {@code p} is not square, or the chain has no unique
     *                                  stationary distribution (a reducible chain), or the solution
     *                                  misses {@code μ = μP} by more than {@link #TOLERANCE}
     */
    public static double[] unique(double[][] p) {
        int s = p.length;
        for (int r = 0; r < s; r++) {
            if (p[r].length != s) {
                throw new IllegalArgumentException("row " + r + " has " + p[r].length + " entries; expected a square "
                        + s + "×" + s + " matrix");
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(s, s);
        DMatrixRMaj b = new DMatrixRMaj(s, 1);
        for (int r = 0; r < s - 1; r++) {
            for (int c = 0; c < s; c++) {
                a.set(r, c, p[c][r] - (r == c ? 1 : 0));
            }
        }
        for (int c = 0; c < s; c++) {
            a.set(s - 1, c, 1.0);
        }
        b.set(s - 1, 0, 1.0);
        DMatrixRMaj x = new DMatrixRMaj(s, 1);
        // a reducible chain leaves (Pᵀ - I) with a null space of dimension > 1: the system is
        // singular, though LU may still return one of its many solutions
        if (NormOps_DDRM.conditionP2(a) > 1e12 || !CommonOps_DDRM.solve(a, b, x)) {
            throw new IllegalArgumentException("kernel " + brief(p) + " has no unique stationary distribution (reducible chain)");
        }
        double[] mu = new double[s];
        double sum = 0;
        for (int c = 0; c < s; c++) {
            mu[c] = Math.max(x.get(c, 0), 0.0);
            sum += mu[c];
        }
        for (int c = 0; c < s; c++) {
            mu[c] /= sum;
        }
        double r = residual(p, mu);
        if (r > TOLERANCE) {
            throw new IllegalArgumentException("kernel " + brief(p) + " has no unique stationary distribution (residual " + r + ")");
        }
        return mu;
    }

    /** {@code max_b |(μP)_b − μ_b|}. */
    public static double residual(double[][] p, double[] mu) {
        if (mu.length != p.length) {
            throw new IllegalArgumentException("vector of length " + mu.length + " for a " + p.length + "×" + p.length + " kernel");
        }
        double worst = 0;
        for (int b = 0; b < p.length; b++) {
            double y = 0;
            for (int a = 0; a < p.length; a++) {
                y += mu[a] * p[a][b];
            }
            worst = Math.max(worst, Math.abs(y - mu[b]));
        }
        return worst;
    }

    /** The rows, shortened for an error message. */
    private static String brief(double[][] p) {
        String rows = java.util.Arrays.deepToString(p);
        return rows.length() <= 160 ? rows : rows.substring(0, 157) + "...";
    }
}
