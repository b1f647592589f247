package org.causalheads.markov;

import java.util.SplittableRandom;

/** Gamma and Dirichlet draws from a {@link SplittableRandom} (Marsaglia-Tsang for the gamma). */
public final class RandomDraws {

    private RandomDraws() {
    }

    /** A standard normal draw (Box-Muller, one of the pair). */
    public static double normal(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * A Gamma(shape, 1) draw, shape &gt; 0.
     *
     * @throws IllegalArgumentException if {@code shape} is not positive and finite
     */
    public static double gamma(double shape, SplittableRandom rng) {
        if (!(shape > 0) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException("gamma shape = " + shape + "; expected a positive finite number");
        }
        if (shape < 1) {
            // boost: Gamma(a) = Gamma(a + 1) * U^(1/a)
            double u = 1.0 - rng.nextDouble();
            return gamma(shape + 1, rng) * Math.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = normal(rng);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = 1.0 - rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /**
     * A Dirichlet(alpha, ..., alpha) vector of length {@code s}; entries are kept strictly positive
     * (floored at {@code 1e-300} before normalisation) so that kernels built from it are positive.
     */
    public static double[] dirichlet(int s, double alpha, SplittableRandom rng) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Dirichlet concentration = " + alpha + "; expected a positive finite number");
        }
        double[] x = new double[s];
        double sum = 0;
        for (int a = 0; a < s; a++) {
            x[a] = Math.max(gamma(alpha, rng), 1e-300);
            sum += x[a];
        }
        for (int a = 0; a < s; a++) {
            x[a] /= sum;
        }
        return x;
    }

    /** Index drawn from a cumulative distribution {@code cdf} (last entry 1) with uniform {@code u}. */
    static int pick(double[] cdf, double u) {
        int last = cdf.length - 1;
        for (int a = 0; a < last; a++) {
            if (u < cdf[a]) {
                return a;
            }
        }
        return last;
    }

    static double[] cumulative(double[] p) {
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
