package org.causalheads.incontext;

/**
 * Stationary distribution of a row-stochastic matrix by the Grassmann–Taksar–Heyman (GTH)
 * elimination, which uses no subtractions and so stays accurate when the chain is nearly
 * reducible — common for Dirichlet(0.1) rows, where most of a row's mass sits on one or two
 * states. Robustness rules (documented in the package description):
 * <ul>
 *   <li>a pivot mass below {@link #FLOOR} (a state that, numerically, cannot reach the states
 *       eliminated before it) is replaced by {@code FLOOR}, i.e. the chain is treated as if it
 *       had a vanishing escape probability;</li>
 *   <li>the result is clipped at zero and renormalised; if it is still not a finite
 *       probability vector, the uniform distribution is returned.</li>
 * </ul>
 */
final class Stationary {

    static final double FLOOR = 1e-300;

    private Stationary() {
    }

    /**
     * Writes the stationary distribution of {@code pi[off..off+S·S)} (row-major, rows summing to
     * one) to {@code mu[muOff..muOff+S)}; {@code w[wo..wo+S·S)} is working memory.
     */
    static void gth(double[] pi, int off, int s, double[] w, int wo, double[] mu, int muOff) {
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
}
