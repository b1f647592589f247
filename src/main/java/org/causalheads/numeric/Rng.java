package org.causalheads.numeric;

/**
 * The project's one seeded random number generator (SplitMix64) and every distribution drawn from
 * it: uniform, normal, gamma, Dirichlet and categorical. It can be re-seeded without allocating,
 * so every sequence of a batch can get its own seed derived from {@code (seed, sequence index)}
 * and a batch is the same however it is split over threads; {@link #split()} gives an
 * independent child stream.
 *
 * <p>Gamma and Dirichlet draws work in the log domain ({@link #nextLogGamma}), so a Dirichlet
 * with a small concentration (0.1 and below) never produces a zero entry or a NaN.
 *
 * <p>Not thread-safe: give each thread its own instance.
 */
public final class Rng {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareNormal;
    private boolean hasSpare;
    private double cachedShape = Double.NaN;
    private double cachedD;
    private double cachedC;
    private double cachedLogD;

    /** A generator started from {@code seed}. */
    public Rng(long seed) {
        reseed(seed);
    }

    /** Restarts this generator from {@code seed}. */
    public void reseed(long seed) {
        state = seed;
        hasSpare = false;
    }

    /** A well-mixed seed for item {@code index} of a stream started from {@code seed}. */
    public static long derive(long seed, long index) {
        return mix(seed ^ mix(index * GOLDEN + 0x632BE59BD9B4E019L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Next 64 random bits. */
    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in (0, 1]: safe to take the logarithm of. */
    public double nextOpenDouble() {
        return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    /** Uniform integer in {@code 0..n-1}, {@code n >= 1}. */
    public int nextInt(int n) {
        return (int) (((nextLong() >>> 33) * n) >>> 31);
    }

    /** A fair coin. */
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** An independent generator seeded from this one's next output (this one advances by one step). */
    public Rng split() {
        return new Rng(derive(nextLong(), 1));
    }

    /** Standard normal (polar Box–Muller). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareNormal;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareNormal = v * f;
        hasSpare = true;
        return u * f;
    }

    /**
     * Logarithm of a Gamma(shape, 1) variate, for any {@code shape > 0}. Marsaglia–Tsang for
     * shape ≥ 1; for shape &lt; 1 the boost {@code G(a) = G(a+1) · U^{1/a}} is applied in the log
     * domain, so tiny variates (common at shape 0.1) never underflow to zero.
     */
    public double nextLogGamma(double shape) {
        if (!(shape > 0) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException("gamma shape = " + shape + "; expected a positive finite number");
        }
        return logGamma(shape);
    }

    /**
     * A Gamma(shape, 1) variate, {@code exp(nextLogGamma(shape))}; at small shapes it can
     * underflow to zero, which {@link #nextDirichlet} avoids by staying in the log domain.
     *
     * @throws IllegalArgumentException if {@code shape} is not positive and finite
     */
    public double nextGamma(double shape) {
        return Math.exp(nextLogGamma(shape));
    }

    private double logGamma(double shape) {
        if (shape < 1) {
            return logGamma(shape + 1) + Math.log(nextOpenDouble()) / shape;
        }
        if (shape != cachedShape) {
            cachedShape = shape;
            cachedD = shape - 1.0 / 3.0;
            cachedC = 1.0 / Math.sqrt(9 * cachedD);
            cachedLogD = Math.log(cachedD);
        }
        double d = cachedD;
        double c = cachedC;
        while (true) {
            double x = nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            double v3 = v * v * v;
            double u = nextOpenDouble();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2) {
                return cachedLogD + 3 * Math.log(v);
            }
            double lv = 3 * Math.log(v);
            if (Math.log(u) < 0.5 * x2 + d - d * v3 + d * lv) {
                return cachedLogD + lv;
            }
        }
    }

    /**
     * Fills {@code out[off..off+k)} with a Dirichlet(alpha·1_k) draw. Computed from log-gammas
     * with the maximum subtracted, so the row always sums to one and has no NaN.
     */
    public void nextDirichlet(double alpha, double[] out, int off, int k) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Dirichlet concentration = " + alpha + "; expected a positive finite number");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            double g = logGamma(alpha);
            out[off + i] = g;
            if (g > max) {
                max = g;
            }
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double e = Math.exp(out[off + i] - max);
            out[off + i] = e;
            sum += e;
        }
        for (int i = 0; i < k; i++) {
            out[off + i] /= sum;
        }
    }

    /**
     * A Dirichlet(alpha·1_k) vector of length {@code k} (see {@link #nextDirichlet(double, double[], int, int)}).
     *
     * @throws IllegalArgumentException if {@code alpha} is not positive and finite, or {@code k < 1}
     */
    public double[] nextDirichlet(int k, double alpha) {
        if (k < 1) {
            throw new IllegalArgumentException("Dirichlet dimension = " + k + "; expected >= 1");
        }
        double[] out = new double[k];
        nextDirichlet(alpha, out, 0, k);
        return out;
    }

    /** Index drawn from the distribution {@code p} (assumed to sum to one). */
    public int nextCategorical(double[] p) {
        return nextCategorical(p, 0, p.length);
    }

    /** Index drawn from the distribution {@code p[off..off+k)} (assumed to sum to one). */
    public int nextCategorical(double[] p, int off, int k) {
        double u = nextDouble();
        double c = 0;
        for (int i = 0; i < k - 1; i++) {
            c += p[off + i];
            if (u < c) {
                return i;
            }
        }
        return k - 1;
    }

    /**
     * Index drawn from a cumulative distribution ({@link #cumulative}): the first {@code a} with
     * {@code u < cdf[a]} for a uniform {@code u}. The same draw as {@link #nextCategorical} on the
     * probabilities, for samplers that draw from one distribution many times.
     */
    public int nextFromCumulative(double[] cdf) {
        double u = nextDouble();
        int last = cdf.length - 1;
        for (int a = 0; a < last; a++) {
            if (u < cdf[a]) {
                return a;
            }
        }
        return last;
    }

    /** The running sums of {@code p}, the last entry set to exactly one. */
    public static double[] cumulative(double[] p) {
        double[] c = new double[p.length];
        double s = 0;
        for (int a = 0; a < p.length; a++) {
            s += p[a];
            c[a] = s;
        }
        c[p.length - 1] = 1.0;
        return c;
    }
}
