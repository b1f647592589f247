package org.causalheads.numeric;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Summary statistics of samples: mean, population standard deviation, standard error of the mean,
 * median, quantiles, the Pearson and Spearman correlations, and the covariance matrix of a data
 * matrix. The least-squares line is {@link LineFit}.
 *
 * <p>Quantiles interpolate linearly between order statistics ({@code q(p) = x_(h)} at
 * {@code h = (n−1)p}, Hyndman and Fan's type 7, the default of R and NumPy). Spearman's
 * correlation is Pearson's on mid-ranks, so tied values share the mean of their ranks.
 */
public final class Statistics {

    private Statistics() {
    }

    /** The arithmetic mean; NaN for an empty sample. */
    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    /**
     * The population covariance matrix {@code X_cᵀX_c / n} of data {@code x} ({@code n × d}, one
     * sample a row), {@code X_c} being {@code x} with every column's mean subtracted.
     *
     * @throws IllegalArgumentException if {@code x} has no row or no column
     */
    public static DMatrixRMaj populationCovariance(DMatrixRMaj x) {
        if (x.numRows < 1 || x.numCols < 1) {
            throw new IllegalArgumentException("data must have at least one row and column, got " + x.numRows + "x" + x.numCols);
        }
        int n = x.numRows;
        int d = x.numCols;
        DMatrixRMaj c = x.copy();
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x.unsafe_get(i, j);
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                c.unsafe_set(i, j, x.unsafe_get(i, j) - mean);
            }
        }
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(c, c, s);
        CommonOps_DDRM.scale(1.0 / n, s);
        return s;
    }

    /** The population standard deviation, √(Σ(x − mean)² / n); NaN for an empty sample. */
    public static double populationStd(double[] x) {
        return x.length == 0 ? Double.NaN : Math.sqrt(squaredDeviations(x) / x.length);
    }

    /**
     * The standard error of the mean, √(Σ(x − mean)² / (n − 1) / n) (the sample standard deviation
     * over √n); NaN for fewer than two values.
     */
    public static double standardError(double[] x) {
        return x.length < 2 ? Double.NaN : Math.sqrt(squaredDeviations(x) / (x.length - 1) / x.length);
    }

    private static double squaredDeviations(double[] x) {
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return ss;
    }

    /**
     * The median ({@code quantile(x, 0.5)}).
     *
     * @throws IllegalArgumentException if {@code x} is empty or holds NaN
     */
    public static double median(double[] x) {
        return quantile(x, 0.5);
    }

    /**
     * The {@code p}-quantile, linear between order statistics (type 7).
     *
     * @throws IllegalArgumentException if {@code x} is empty or holds NaN, or {@code p} is not in [0, 1]
     */
    public static double quantile(double[] x, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile level p = " + p + "; expected a value in [0, 1]");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("quantile of an empty sample; expected at least one value");
        }
        double[] s = x.clone();
        for (int k = 0; k < s.length; k++) {
            if (Double.isNaN(s[k])) {
                throw new IllegalArgumentException("value " + k + " is NaN; expected numbers");
            }
        }
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /**
     * Pearson's correlation of two samples of equal length, clipped to [−1, 1]; NaN if either is
     * constant (or has fewer than two values).
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("samples of " + x.length + " and " + y.length + " values; expected equal lengths");
        }
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int k = 0; k < n; k++) {
            mx += x[k];
            my += y[k];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int k = 0; k < n; k++) {
            double dx = x[k] - mx;
            double dy = y[k] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (!(sxx > 0) || !(syy > 0)) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /**
     * Spearman's rank correlation: {@link #pearson} of the {@link #midRanks}. Invariant under any
     * increasing transformation of either sample.
     */
    public static double spearman(double[] x, double[] y) {
        return pearson(midRanks(x), midRanks(y));
    }

    /** Ranks 1..n of the entries, ties sharing the mean of their ranks. */
    public static double[] midRanks(double[] x) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (p, q) -> Double.compare(x[p], x[q]));
        double[] r = new double[n];
        int k = 0;
        while (k < n) {
            int e = k;
            while (e + 1 < n && x[order[e + 1]] == x[order[k]]) {
                e++;
            }
            double rank = (k + e) / 2.0 + 1;
            for (int m = k; m <= e; m++) {
                r[order[m]] = rank;
            }
            k = e + 1;
        }
        return r;
    }
}
