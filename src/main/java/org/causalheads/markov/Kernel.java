package org.causalheads.markov;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

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
    public static final double STATIONARY_TOL = 1e-8;

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
    public static Kernel sinkhorn(int s, double concentration, SplittableRandom rng) {
        if (s < 2) {
            throw new IllegalArgumentException("S = " + s + " states; expected S >= 2");
        }
        if (!(concentration > 0) || Double.isInfinite(concentration)) {
            throw new IllegalArgumentException("concentration = " + concentration + "; expected a positive finite number");
        }
        double[][] m = new double[s][s];
        for (double[] r : m) {
            for (int b = 0; b < s; b++) {
                r[b] = Math.max(RandomDraws.gamma(concentration, rng), 1e-12);
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

    /** {@link #sinkhorn(int, double, SplittableRandom)} from a seed. */
    public static Kernel sinkhorn(int s, double concentration, long seed) {
        return sinkhorn(s, concentration, new SplittableRandom(seed));
    }

    /** A kernel with independent Dirichlet({@code alpha}) rows (positive, generally not doubly stochastic). */
    public static Kernel dirichletRows(int s, double alpha, SplittableRandom rng) {
        if (s < 2) {
            throw new IllegalArgumentException("S = " + s + " states; expected S >= 2");
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Dirichlet alpha = " + alpha + "; expected a positive finite number");
        }
        double[][] m = new double[s][];
        for (int a = 0; a < s; a++) {
            m[a] = RandomDraws.dirichlet(s, alpha, rng);
        }
        return new Kernel(m);
    }

    /** {@link #dirichletRows(int, double, SplittableRandom)} from a seed. */
    public static Kernel dirichletRows(int s, double alpha, long seed) {
        return dirichletRows(s, alpha, new SplittableRandom(seed));
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
        double[] y = leftMultiply(mu);
        double worst = 0;
        for (int b = 0; b < y.length; b++) {
            worst = Math.max(worst, Math.abs(y[b] - mu[b]));
        }
        return worst;
    }

    /**
     * The stationary distribution {@code μ = μκ}, {@code Σμ = 1}, by a linear solve of
     * {@code (κᵀ - I) μ = 0} with the normalisation replacing one equation (EJML).
     *
     * @throws IllegalArgumentException if the chain has no unique stationary distribution
     */
    public double[] stationary() {
        int s = p.length;
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
        // a reducible chain leaves (κᵀ - I) with a null space of dimension > 1: the system is
        // singular, though LU may still return one of its many solutions
        if (org.ejml.dense.row.NormOps_DDRM.conditionP2(a) > 1e12 || !CommonOps_DDRM.solve(a, b, x)) {
            throw new IllegalArgumentException("kernel " + brief() + " has no unique stationary distribution (reducible chain)");
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
        if (stationarityResidual(mu) > STATIONARY_TOL) {
            throw new IllegalArgumentException("kernel " + brief() + " has no unique stationary distribution (residual "
                    + stationarityResidual(mu) + ")");
        }
        return mu;
    }

    /** The rows, shortened for an error message. */
    private String brief() {
        String rows = java.util.Arrays.deepToString(p);
        return rows.length() <= 160 ? rows : rows.substring(0, 157) + "...";
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
