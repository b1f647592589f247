package org.causalheads.amortised;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * The matrix exponential {@code exp(A) = Σ_{k≥0} A^k / k!} by scaling and squaring (EJML has
 * none): with {@code s} the smallest integer such that {@code ||A||_1 / 2^s <= 1/2}, the Taylor
 * series of {@code exp(A / 2^s)} is summed until a term's 1-norm falls below {@code 1e-17} times
 * the partial sum's (at most {@link #MAX_TERMS} terms; at norm ½ eighteen terms reach double
 * precision), and the result is squared {@code s} times, {@code exp(A) = exp(A/2^s)^{2^s}}.
 */
public final class Expm {

    /** Cap on the number of Taylor terms after scaling. */
    public static final int MAX_TERMS = 30;

    private Expm() {
    }

    /**
     * {@code exp(a)} into a new matrix.
     *
     * @throws IllegalArgumentException if {@code a} is not square or has a non-finite entry
     */
    public static DMatrixRMaj expm(DMatrixRMaj a) {
        if (a.numRows != a.numCols) {
            throw new IllegalArgumentException("matrix exponential needs a square matrix, got "
                    + a.numRows + "x" + a.numCols);
        }
        int d = a.numRows;
        for (int k = 0; k < a.data.length && k < d * d; k++) {
            if (!Double.isFinite(a.data[k])) {
                throw new IllegalArgumentException("matrix exponential of a matrix with a non-finite entry "
                        + a.data[k] + " at (" + k / d + ", " + k % d + ")");
            }
        }
        double norm = NormOps_DDRM.normP1(a);
        int s = norm <= 0.5 ? 0 : (int) Math.ceil(Math.log(norm / 0.5) / Math.log(2));
        DMatrixRMaj b = a.copy();
        CommonOps_DDRM.scale(Math.scalb(1.0, -s), b);
        DMatrixRMaj sum = CommonOps_DDRM.identity(d);
        DMatrixRMaj term = CommonOps_DDRM.identity(d);
        DMatrixRMaj next = new DMatrixRMaj(d, d);
        for (int k = 1; k <= MAX_TERMS; k++) {
            CommonOps_DDRM.mult(1.0 / k, term, b, next);
            DMatrixRMaj t = term;
            term = next;
            next = t;
            CommonOps_DDRM.addEquals(sum, term);
            if (NormOps_DDRM.normP1(term) <= 1e-17 * NormOps_DDRM.normP1(sum)) {
                break;
            }
        }
        for (int k = 0; k < s; k++) {
            CommonOps_DDRM.mult(sum, sum, next);
            DMatrixRMaj t = sum;
            sum = next;
            next = t;
        }
        return sum;
    }
}
