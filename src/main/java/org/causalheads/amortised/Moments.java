package org.causalheads.amortised;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The sample statistics a domain's data enter the amortised model through, all invariant to the
 * order of the samples and defined for any {@code n >= 1}:
 * <ul>
 *   <li>{@code S = XᵀX / n}, the second-moment matrix (the SEM has no intercept, so no centring);</li>
 *   <li>{@code C_ij = S_ij / √(S_ii S_jj)}, the correlations (diagonal set to 0);</li>
 *   <li>{@code R_ij = −P_ij / √(P_ii P_jj)} with {@code P = (C + εI)⁻¹}, the partial correlations of
 *       a ridge-regularised precision matrix (diagonal set to 0), defined even when {@code n < d}.</li>
 * </ul>
 *
 * @param n       number of samples
 * @param s       second moments {@code S} ({@code d × d})
 * @param corr    correlations {@code C}
 * @param partial ridge partial correlations {@code R}
 */
public record Moments(int n, DMatrixRMaj s, DMatrixRMaj corr, DMatrixRMaj partial) {

    /** Ridge {@code ε} added to the correlation matrix before inverting it. */
    public static final double PRECISION_RIDGE = 0.1;

    public Moments {
        s = s.copy();
        corr = corr.copy();
        partial = partial.copy();
    }

    @Override
    public DMatrixRMaj s() {
        return s.copy();
    }

    @Override
    public DMatrixRMaj corr() {
        return corr.copy();
    }

    @Override
    public DMatrixRMaj partial() {
        return partial.copy();
    }

    /** {@code S} without a copy, for the model's inner loops (never modified there). */
    DMatrixRMaj sRef() {
        return s;
    }

    DMatrixRMaj corrRef() {
        return corr;
    }

    DMatrixRMaj partialRef() {
        return partial;
    }

    /** Number of variables. */
    public int size() {
        return s.numRows;
    }

    /**
     * The statistics of data {@code x} ({@code n × d}, one sample a row).
     *
     * @throws IllegalArgumentException if {@code x} is empty, has a non-finite entry, or a column
     *                                  that is identically zero
     */
    public static Moments of(DMatrixRMaj x) {
        for (double v : x.data) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("data contain a non-finite value " + v);
            }
        }
        DMatrixRMaj s = Notears.secondMoments(x);
        return ofSecondMoments(x.numRows, s);
    }

    /** The statistics from {@code S} and {@code n}. */
    public static Moments ofSecondMoments(int n, DMatrixRMaj s) {
        if (n < 1) {
            throw new IllegalArgumentException("sample size n = " + n + "; expected n >= 1");
        }
        int d = s.numRows;
        DMatrixRMaj c = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            if (!(s.unsafe_get(i, i) > 0)) {
                throw new IllegalArgumentException("variable " + i + " has second moment " + s.unsafe_get(i, i)
                        + "; expected > 0 (a column of zeros carries no information)");
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                c.unsafe_set(i, j, s.unsafe_get(i, j) / Math.sqrt(s.unsafe_get(i, i) * s.unsafe_get(j, j)));
            }
        }
        DMatrixRMaj reg = c.copy();
        for (int i = 0; i < d; i++) {
            reg.add(i, i, PRECISION_RIDGE);
        }
        DMatrixRMaj p = new DMatrixRMaj(d, d);
        if (!CommonOps_DDRM.invertSPD(reg, p)) {
            throw new IllegalStateException("ridge-regularised correlation matrix is not positive definite");
        }
        DMatrixRMaj r = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (i != j) {
                    r.unsafe_set(i, j, -p.unsafe_get(i, j) / Math.sqrt(p.unsafe_get(i, i) * p.unsafe_get(j, j)));
                }
            }
            c.unsafe_set(i, i, 0.0);
        }
        return new Moments(n, s, c, r);
    }
}
