package org.causalheads.amortised;

import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The sort-by-variance baseline: how much of a linear SEM's graph the marginal variances alone
 * give away. On raw data of an equal-noise linear-Gaussian SEM the variance of a variable tends
 * to grow along the causal order ("varsortability": Reisach, Seiler &amp; Weichwald, <i>Beware of
 * the Simulated DAG! Causal Discovery Benchmarks May Be Easy To Game</i>, NeurIPS 2021), so
 * sorting the columns by variance recovers much of the order without learning any structure.
 *
 * <p>The estimate: centre the columns, put the variables in increasing order of their sample
 * variance (ties by label), and regress each variable on all variables before it in that order
 * by ridge regression with the same prior precision as the amortised model's refit,
 * {@code b = (S_PP + (γ/n) I)⁻¹ S_Pj} with {@code S} the covariance and {@code P} the
 * predecessors ({@code γ = } {@link AmortisedModel.Shape#DEFAULT_RIDGE}), so a fit exists for any
 * {@code n}; edges are then read with the benchmark's threshold like every other method's. On
 * standardised data (every variance 1) the order carries no information, which is the point of
 * reporting both.
 */
public final class VarianceSort {

    private VarianceSort() {
    }

    /** The weights {@code Â[i][j]} of {@code i -> j} for data {@code x} ({@code n × d}), ridge {@code γ} of the model's default. */
    public static double[][] fit(DMatrixRMaj x) {
        return fit(x, AmortisedModel.Shape.DEFAULT_RIDGE);
    }

    /**
     * The weights {@code Â[i][j]} of {@code i -> j}: every variable regressed on the variables of
     * smaller variance.
     *
     * @param x     data, {@code n × d}, one sample a row
     * @param ridge prior precision {@code γ >= 0} (0: ordinary least squares, which needs
     *              {@code n} larger than the number of predecessors)
     * @throws IllegalArgumentException if {@code x} is empty or holds a non-finite value, or
     *                                  {@code ridge} is negative or not finite
     */
    public static double[][] fit(DMatrixRMaj x, double ridge) {
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("ridge = " + ridge + "; expected a finite value >= 0");
        }
        for (double v : x.data) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("data contain a non-finite value " + v);
            }
        }
        DMatrixRMaj s = Notears.centredMoments(x);
        int d = s.numRows;
        int[] order = byVariance(s);
        double[][] w = new double[d][d];
        for (int r = 1; r < d; r++) {
            int j = order[r];
            DMatrixRMaj a = new DMatrixRMaj(r, r);
            DMatrixRMaj b = new DMatrixRMaj(r, 1);
            for (int p = 0; p < r; p++) {
                for (int q = 0; q < r; q++) {
                    a.unsafe_set(p, q, s.unsafe_get(order[p], order[q]));
                }
                a.add(p, p, ridge / x.numRows);
                b.unsafe_set(p, 0, s.unsafe_get(order[p], j));
            }
            DMatrixRMaj coef = new DMatrixRMaj(r, 1);
            if (!CommonOps_DDRM.solve(a, b, coef)) {
                continue; // singular without a ridge: no edges into j
            }
            for (int p = 0; p < r; p++) {
                double v = coef.unsafe_get(p, 0);
                w[order[p]][j] = Double.isFinite(v) ? v : 0.0;
            }
        }
        return w;
    }

    /** The labels in increasing order of the sample variance of data {@code x} (ties by label). */
    public static int[] order(DMatrixRMaj x) {
        return byVariance(Notears.centredMoments(x));
    }

    private static int[] byVariance(DMatrixRMaj s) {
        return IntStream.range(0, s.numRows).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> s.unsafe_get(i, i)).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * The data with every column centred and scaled to unit sample variance (divided by its
     * standard deviation with divisor {@code n}): the "standardised" data of the benchmark, which
     * removes the variance cue.
     *
     * @throws IllegalArgumentException if a column is constant (its variance is 0) or {@code x} is empty
     */
    public static DMatrixRMaj standardise(DMatrixRMaj x) {
        int n = x.numRows;
        int d = x.numCols;
        if (n < 1 || d < 1) {
            throw new IllegalArgumentException("data must have at least one row and column, got " + n + "x" + d);
        }
        DMatrixRMaj out = new DMatrixRMaj(n, d);
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x.unsafe_get(i, j);
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double c = x.unsafe_get(i, j) - mean;
                var += c * c;
            }
            var /= n;
            if (!(var > 0) || !Double.isFinite(var)) {
                throw new IllegalArgumentException("column " + j + " has variance " + var
                        + "; expected a finite value > 0 to standardise (n = " + n + ")");
            }
            double sd = Math.sqrt(var);
            for (int i = 0; i < n; i++) {
                out.unsafe_set(i, j, (x.unsafe_get(i, j) - mean) / sd);
            }
        }
        return out;
    }
}
