package org.causalheads.markov;

import java.util.Arrays;
import org.causalheads.numeric.Rng;
import org.causalheads.numeric.Stationary;

/**
 * An immutable row-stochastic Markov kernel on {@code [S] = {0..S-1}}: {@code get(s, t)} is
 * {@code κ(t | s)}, row {@code s} is the distribution of the next state given {@code s}.
 *
 * <p>Creation validates: square {@code S×S} with {@code S >= 2}, finite entries {@code >= 0}, each
 * row summing to 1 within {@link #ROW_SUM_TOL}. Positivity (every entry {@code > 0}) is checked
 * separately by {@link #requirePositive(String)} where a model needs it.
 */
public final class Kernel {

    /** Tolerance on a row sum. */
    public static final double ROW_SUM_TOL = 1e-9;
    /** Tolerance of a stationary fixed point, {@code max |μκ - μ|}. */
    public static final double STATIONARY_TOL = Stationary.TOLERANCE;

    private final double[][] p;

    private Kernel(double[][] p) {
        this.p = p;
    }

    /**
     * A kernel from its rows ({@code rows[s][t] = κ(t|s)}; the array is copied).
     *
     * @throws IllegalArgumentException naming the offending row/entry if the matrix is not a
     *                                  square row-stochastic matrix of size at least 2
     */
    public static Kernel of(double[][] rows) {
        return of(rows, "kernel");
    }

    /** As {@link #of(double[][])}, naming the kernel {@code name} in error messages. */
    public static Kernel of(double[][] rows, String name) {
        if (rows == null) {
            throw new IllegalArgumentException(name + " is missing; expected an S×S row-stochastic matrix");
        }
        int s = rows.length;
        if (s < 2) {
            throw new IllegalArgumentException(name + " has S = " + s + " states; expected S >= 2");
        }
        double[][] c = new double[s][];
        for (int a = 0; a < s; a++) {
            if (rows[a] == null || rows[a].length != s) {
                throw new IllegalArgumentException(name + " row " + a + " has length "
                        + (rows[a] == null ? "null" : rows[a].length) + "; expected a square " + s + "×" + s + " matrix");
            }
            double sum = 0;
            for (int b = 0; b < s; b++) {
                double v = rows[a][b];
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(name + "[" + a + "][" + b + "] = " + v
                            + "; expected a finite probability >= 0");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOL) {
                throw new IllegalArgumentException(name + " row " + a + " sums to " + sum
                        + "; expected 1 (row-stochastic, tolerance " + ROW_SUM_TOL + ")");
            }
            c[a] = rows[a].clone();
        }
        return new Kernel(c);
    }

    /** The uniform kernel {@code U(t|s) = 1/S}. */
    public static Kernel uniform(int s) {
        if (s < 2) {
            throw new IllegalArgumentException("S = " + s + " states; expected S >= 2");
        }
        double[][] u = new double[s][s];
        for (double[] r : u) {
            Arrays.fill(r, 1.0 / s);
        }
        return new Kernel(u);
    }

    /**
     * A random positive doubly stochastic kernel: a matrix of Gamma({@code concentration}) entries
     * scaled by Sinkhorn iterations until rows and columns sum to 1 (within 1e-13). Small
     * concentrations give peaked kernels (strong dependence), large ones nearly uniform kernels.
     * Its stationary distribution is uniform.
     */
    public static Kernel sinkhorn(int s, double concentration, Rng rng) {
        if (s < 2) {
            throw new IllegalArgumentException("S = " + s + " states; expected S >= 2");
        }
        if (!(concentration > 0) || Double.isInfinite(concentration)) {
            throw new IllegalArgumentException("concentration = " + concentration + "; expected a positive finite number");
        }
        double[][] m = new double[s][s];
        for (double[] r : m) {
            for (int b = 0; b < s; b++) {
                r[b] = Math.max(rng.nextGamma(concentration), 1e-12);
            }
        }
        for (int it = 0; it < 100_000; it++) {
            for (double[] r : m) {
                double sum = 0;
                for (double v : r) {
                    sum += v;
                }
                for (int b = 0; b < s; b++) {
                    r[b] /= sum;
                }
            }
            double worst = 0;
            for (int b = 0; b < s; b++) {
                double sum = 0;
                for (int a = 0; a < s; a++) {
                    sum += m[a][b];
                }
                worst = Math.max(worst, Math.abs(sum - 1));
                for (int a = 0; a < s; a++) {
                    m[a][b] /= sum;
                }
            }
            if (worst < 1e-13) {
                break;
            }
        }
        for (double[] r : m) { // exact row sums last
            double sum = 0;
            for (double v : r) {
                sum += v;
            }
            for (int b = 0; b < s; b++) {
                r[b] /= sum;
            }
        }
        return new Kernel(m);
    }

    /** {@link #sinkhorn(int, double, Rng)} from a seed. */
    public static Kernel sinkhorn(int s, double concentration, long seed) {
        return sinkhorn(s, concentration, new Rng(seed));
    }

    /** A kernel with independent Dirichlet({@code alpha}) rows (positive, generally not doubly stochastic). */
    public static Kernel dirichletRows(int s, double alpha, Rng rng) {
        if (s < 2) {
            throw new IllegalArgumentException("S = " + s + " states; expected S >= 2");
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Dirichlet alpha = " + alpha + "; expected a positive finite number");
        }
        double[][] m = new double[s][];
        for (int a = 0; a < s; a++) {
            m[a] = rng.nextDirichlet(s, alpha);
        }
        return new Kernel(m);
    }

    /** {@link #dirichletRows(int, double, Rng)} from a seed. */
    public static Kernel dirichletRows(int s, double alpha, long seed) {
        return dirichletRows(s, alpha, new Rng(seed));
    }

    /**
     * The strength knob {@code κ(γ) = (1-γ) U + γ M}: {@code γ = 0} is uniform (no dependence),
     * {@code γ = 1} is {@code M}. If {@code M} is doubly stochastic so is every {@code κ(γ)}.
     *
     * @throws IllegalArgumentException if {@code gamma} is outside {@code [0, 1]}
     */
    public static Kernel withStrength(Kernel m, double gamma) {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("strength gamma = " + gamma + "; expected a value in [0, 1]");
        }
        int s = m.size();
        double[][] k = new double[s][s];
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                k[a][b] = (1 - gamma) / s + gamma * m.p[a][b];
            }
        }
        return new Kernel(k);
    }

    /** Number of states S. */
    public int size() {
        return p.length;
    }

    /** {@code κ(t | s)}. */
    public double get(int s, int t) {
        return p[s][t];
    }

    /** Row {@code s}, a copy. */
    public double[] row(int s) {
        return p[s].clone();
    }

    /** All rows, a deep copy. */
    public double[][] toArray() {
        double[][] c = new double[p.length][];
        for (int a = 0; a < p.length; a++) {
            c[a] = p[a].clone();
        }
        return c;
    }

    /** Whether every entry is strictly positive. */
    public boolean isPositive() {
        for (double[] r : p) {
            for (double v : r) {
                if (!(v > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Returns this kernel if every entry is strictly positive.
     *
     * @throws IllegalArgumentException naming the first zero entry otherwise
     */
    public Kernel requirePositive(String name) {
        for (int a = 0; a < p.length; a++) {
            for (int b = 0; b < p.length; b++) {
                if (!(p[a][b] > 0)) {
                    throw new IllegalArgumentException(name + "[" + a + "][" + b + "] = " + p[a][b]
                            + "; expected a positive kernel (every entry > 0)");
                }
            }
        }
        return this;
    }

    /** Whether columns also sum to 1 within {@link #ROW_SUM_TOL}. */
    public boolean isDoublyStochastic() {
        for (int b = 0; b < p.length; b++) {
            double sum = 0;
            for (double[] r : p) {
                sum += r[b];
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOL) {
                return false;
            }
        }
        return true;
    }

    /** The row vector {@code x κ}. */
    public double[] leftMultiply(double[] x) {
        if (x.length != p.length) {
            throw new IllegalArgumentException("vector of length " + x.length + " times a " + p.length + "×" + p.length + " kernel");
        }
        double[] y = new double[p.length];
        for (int a = 0; a < p.length; a++) {
            for (int b = 0; b < p.length; b++) {
                y[b] += x[a] * p[a][b];
            }
        }
        return y;
    }

    /** {@code max_t |(μκ)(t) - μ(t)|}. */
    public double stationarityResidual(double[] mu) {
        return Stationary.residual(p, mu);
    }

    /**
     * The stationary distribution {@code μ = μκ}, {@code Σμ = 1} ({@link Stationary#unique}).
     *
     * @throws IllegalArgumentException if the chain has no unique stationary distribution
     */
    public double[] stationary() {
        return Stationary.unique(p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Kernel k && Arrays.deepEquals(p, k.p);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(p);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Kernel[S=").append(p.length).append("]\n");
        for (double[] r : p) {
            for (double v : r) {
                sb.append(String.format(" %.4f", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
