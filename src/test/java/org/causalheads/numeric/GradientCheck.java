package org.causalheads.numeric;

import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;

/**
 * A hand-written gradient against central finite differences
 * {@code (f(x + h e_k) − f(x − h e_k)) / 2h}, coordinate by coordinate, for the tests of every
 * model with a backward pass. The function is evaluated on a copy of {@code x}, so it may keep a
 * reference to the array it is given only during the call.
 *
 * @param analytic    the gradient under test
 * @param differences the central differences (NaN at skipped coordinates)
 * @param worst       coordinate of the largest relative error
 */
public record GradientCheck(double[] analytic, double[] differences, int worst) {

    /** Checks every coordinate. */
    public static GradientCheck of(ToDoubleFunction<double[]> f, double[] x, double[] analytic, double step) {
        return of(f, x, analytic, step, k -> true);
    }

    /** Checks the coordinates {@code k} with {@code include.test(k)} (e.g. to skip a kink of |w|). */
    public static GradientCheck of(ToDoubleFunction<double[]> f, double[] x, double[] analytic, double step,
                                   IntPredicate include) {
        if (analytic.length != x.length) {
            throw new IllegalArgumentException("gradient of length " + analytic.length + " for " + x.length + " parameters");
        }
        double[] p = x.clone();
        double[] fd = new double[x.length];
        int worst = -1;
        double worstErr = -1;
        for (int k = 0; k < x.length; k++) {
            if (!include.test(k)) {
                fd[k] = Double.NaN;
                continue;
            }
            double keep = p[k];
            p[k] = keep + step;
            double up = f.applyAsDouble(p);
            p[k] = keep - step;
            double down = f.applyAsDouble(p);
            p[k] = keep;
            fd[k] = (up - down) / (2 * step);
            double err = Math.abs(fd[k] - analytic[k]) / Math.max(1, Math.abs(fd[k]));
            if (err > worstErr) {
                worstErr = err;
                worst = k;
            }
        }
        return new GradientCheck(analytic, fd, worst);
    }

    /** {@code max_k |g_k − fd_k|} over the checked coordinates. */
    public double maxAbsoluteError() {
        double m = 0;
        for (int k = 0; k < analytic.length; k++) {
            if (!Double.isNaN(differences[k])) {
                m = Math.max(m, Math.abs(differences[k] - analytic[k]));
            }
        }
        return m;
    }

    /** {@code max_k |g_k − fd_k| / max(1, |fd_k|)} over the checked coordinates. */
    public double maxRelativeError() {
        return worst < 0 ? 0 : Math.abs(differences[worst] - analytic[worst]) / Math.max(1, Math.abs(differences[worst]));
    }

    /** {@code max_k |fd_k|}: a check of a gradient that is zero everywhere proves little. */
    public double maxAbsoluteDifference() {
        double m = 0;
        for (double v : differences) {
            if (!Double.isNaN(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return worst < 0 ? "no coordinate checked"
                : "worst coordinate " + worst + ": analytic " + analytic[worst] + ", finite difference " + differences[worst]
                + " (max |fd| = " + maxAbsoluteDifference() + ")";
    }
}
