package org.causalheads.incontext;

/** Cross-entropy against a target distribution, and the unigram baseline. */
final class Losses {

    /** Probabilities below this are clamped before the logarithm. */
    static final double TINY = 1e-300;

    private Losses() {
    }

    /** {@code -Σ_s y[yOff+s] ln p[s]}. */
    static double crossEntropy(double[] y, int yOff, double[] p) {
        double l = 0;
        for (int s = 0; s < p.length; s++) {
            double ys = y[yOff + s];
            if (ys > 0) {
                l -= ys * Math.log(Math.max(p[s], TINY));
            }
        }
        return l;
    }

    /** Add-{@code alpha} token frequencies of {@code tokens[off..off+len)}. */
    static void unigram(int[] tokens, int off, int len, int s, double alpha, double[] out) {
        for (int a = 0; a < s; a++) {
            out[a] = alpha;
        }
        for (int i = 0; i < len; i++) {
            out[tokens[off + i]] += 1;
        }
        double z = len + s * alpha;
        for (int a = 0; a < s; a++) {
            out[a] /= z;
        }
    }
}
