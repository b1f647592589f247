package org.causalheads.numeric;

/**
 * The softmax {@code σ(z)_i = exp(z_i) / Σ_j exp(z_j)}, computed with the maximum subtracted so
 * that no exponential overflows; in place on a slice of a flat array, so the hot loops of the
 * models call it without allocating.
 */
public final class Softmax {

    private Softmax() {
    }

    /**
     * Replaces {@code z[off..off+n)} by its softmax.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void inPlace(double[] z, int off, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("softmax over " + n + " entries; expected at least one");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, z[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(z[off + i] - max);
            z[off + i] = e;
            sum += e;
        }
        double inv = 1 / sum;
        for (int i = 0; i < n; i++) {
            z[off + i] *= inv;
        }
    }

    /** The softmax of {@code z[off..off+n)} in a new array of length {@code n}. */
    public static double[] of(double[] z, int off, int n) {
        double[] out = new double[n];
        System.arraycopy(z, off, out, 0, n);
        inPlace(out, 0, n);
        return out;
    }

    /** The softmax of {@code z} in a new array. */
    public static double[] of(double[] z) {
        return of(z, 0, z.length);
    }
}
