package org.causalheads.numeric;

/**
 * An ordinary least-squares line {@code y ≈ intercept + slope·x} with its coefficient of
 * determination {@code R² = 1 - SS_res/SS_tot} (the squared Pearson correlation for a fit with an
 * intercept), for the scaling plots of the notebooks.
 *
 * <pre>{@code
 * LineFit f = LineFit.of(x, y);          // f.slope(), f.intercept(), f.r2()
 * LineFit p = LineFit.logLog(t, epochs); // p.slope() is the power-law exponent
 * }</pre>
 *
 * @param intercept value of the line at {@code x = 0}
 * @param slope     change of {@code y} per unit of {@code x}
 * @param r2        coefficient of determination of the fit, in {@code [0, 1]}
 * @param n         number of points
 */
public record LineFit(double intercept, double slope, double r2, int n) {

    /**
     * The least-squares line through the points {@code (x[k], y[k])}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, hold fewer than two points,
     *                                  hold a non-finite value, or all {@code x} are equal
     */
    public static LineFit of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points but y has " + y.length + "; expected equal lengths");
        }
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("a line needs at least 2 points, got " + n);
        }
        double mx = 0, my = 0;
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(x[k]) || !Double.isFinite(y[k])) {
                throw new IllegalArgumentException("point " + k + " = (" + x[k] + ", " + y[k] + "); expected finite values");
            }
            mx += x[k];
            my += y[k];
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int k = 0; k < n; k++) {
            double dx = x[k] - mx, dy = y[k] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("all " + n + " x values equal " + x[0] + "; a line needs two distinct x");
        }
        double slope = sxy / sxx;
        double r2 = syy > 0 ? Math.min(1, sxy * sxy / (sxx * syy)) : 1;
        return new LineFit(my - slope * mx, slope, r2, n);
    }

    /**
     * The line through {@code (ln x, ln y)}: its slope is the exponent {@code b} of a power law
     * {@code y ≈ e^intercept · x^b}.
     *
     * @throws IllegalArgumentException if a value is not positive (or as {@link #of})
     */
    public static LineFit logLog(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points but y has " + y.length + "; expected equal lengths");
        }
        double[] lx = new double[x.length], ly = new double[y.length];
        for (int k = 0; k < x.length; k++) {
            if (!(x[k] > 0) || !(y[k] > 0)) {
                throw new IllegalArgumentException("point " + k + " = (" + x[k] + ", " + y[k] + "); a log-log fit needs positive values");
            }
            lx[k] = Math.log(x[k]);
            ly[k] = Math.log(y[k]);
        }
        return of(lx, ly);
    }

    /** The line's value at {@code x}. */
    public double predict(double x) {
        return intercept + slope * x;
    }

    /** The line's values at each {@code x}. */
    public double[] predict(double[] x) {
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = predict(x[k]);
        }
        return y;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "y = %.4g + %.4g·x (R² = %.4f, n = %d)", intercept, slope, r2, n);
    }
}
