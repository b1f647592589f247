package org.causalheads.amortised;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The NOTEARS acyclicity function (Zheng et al. 2018) of a weighted adjacency {@code W ∈ R^{d×d}}:
 * {@code h(W) = tr(exp(W∘W)) − d}, with {@code ∘} the elementwise product. {@code h(W) >= 0},
 * and {@code h(W) = 0} exactly when the support of {@code W} is acyclic ({@code tr((W∘W)^k)}
 * sums the weights of closed walks of length {@code k}). Its gradient is
 * {@code ∇h(W) = exp(W∘W)ᵀ ∘ 2W}.
 *
 * @param h        the value {@code h(W)}
 * @param gradient {@code ∇h(W)} (a fresh matrix)
 */
public record Acyclicity(double h, DMatrixRMaj gradient) {

    /**
     * {@code h(W)} and its gradient.
     *
     * @throws IllegalArgumentException if {@code w} is not square
     */
    public static Acyclicity of(DMatrixRMaj w) {
        if (w.numRows != w.numCols) {
            throw new IllegalArgumentException("acyclicity needs a square matrix, got " + w.numRows + "x" + w.numCols);
        }
        int d = w.numRows;
        DMatrixRMaj sq = new DMatrixRMaj(d, d);
        CommonOps_DDRM.elementMult(w, w, sq);
        DMatrixRMaj e = Expm.expm(sq);
        double h = CommonOps_DDRM.trace(e) - d;
        DMatrixRMaj g = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                g.unsafe_set(i, j, e.unsafe_get(j, i) * 2 * w.unsafe_get(i, j));
            }
        }
        return new Acyclicity(h, g);
    }

    /** {@code h(W)} alone. */
    public static double value(DMatrixRMaj w) {
        return of(w).h();
    }
}
