package org.causalheads.info;

/**
 * f-MI and KG-MI of one pair whose two variables have different numbers of states: the joint is
 * an {@code S_j × S_i} matrix {@code P(x_j = a, x_i = b)} and the kernel an {@code S_j × S_i}
 * row-stochastic matrix {@code Π(b | a)}. The formulas are those of {@link InfoMeasures} (see the info package documentation)
 * with the square alphabet replaced by a rectangular one; for {@code S_j = S_i} they give
 * the same numbers. <b>This rectangular form is this project's extension for real Bayesian
 * networks</b> (nodes with different state counts); the KG-MI paper uses one alphabet.
 *
 * <p>Every joint entry must be positive (the ratio {@code r = P_ji / (P_j ⊗ P_i)} appears inside
 * {@code f'} and {@code log}); {@link #empiricalJoint} guarantees it by additive smoothing. Kernel
 * entries may be zero (deterministic nodes): the kernel only weights the terms.
 */
public final class RectangularKgmi {

    private RectangularKgmi() {
    }

    /**
     * Smoothed empirical joint {@code P̂(a, b) = (N(a, b) + α) / (n + S_j S_i α)} of two columns of
     * state indices.
     *
     * @throws IllegalArgumentException if the columns differ in length or are empty, a state count
     *                                  is below 1, a value is outside its column's states, or
     *                                  {@code alpha} is not positive and finite
     */
    public static double[][] empiricalJoint(int[] xj, int[] xi, int sj, int si, double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("smoothing alpha = " + alpha + "; expected a positive finite pseudo-count (so r > 0)");
        }
        if (sj < 1 || si < 1) {
            throw new IllegalArgumentException("state counts S_j = " + sj + ", S_i = " + si + "; expected >= 1");
        }
        if (xj.length != xi.length || xj.length == 0) {
            throw new IllegalArgumentException("columns of length " + xj.length + " and " + xi.length
                    + "; expected two equal, non-zero lengths");
        }
        long[] c = new long[sj * si];
        for (int q = 0; q < xj.length; q++) {
            int a = xj[q], b = xi[q];
            if (a < 0 || a >= sj || b < 0 || b >= si) {
                throw new IllegalArgumentException("sample " + q + " has states (" + a + ", " + b + "); expected 0.."
                        + (sj - 1) + " and 0.." + (si - 1));
            }
            c[a * si + b]++;
        }
        double denom = xj.length + (double) sj * si * alpha;
        double[][] p = new double[sj][si];
        for (int a = 0; a < sj; a++) {
            for (int b = 0; b < si; b++) {
                p[a][b] = (c[a * si + b] + alpha) / denom;
            }
        }
        return p;
    }

    /** {@code I_f(x_i; x_j) = Σ P_j(a) P_i(b) f(r(a, b))}. */
    public static double mutualInformation(FDivergence f, double[][] joint) {
        checkJoint(joint);
        double[] pj = rows(joint), pi = cols(joint);
        double v = 0;
        for (int a = 0; a < pj.length; a++) {
            for (int b = 0; b < pi.length; b++) {
                double q = pj[a] * pi[b];
                v += q * f.f(joint[a][b] / q);
            }
        }
        return v;
    }

    /**
     * KG-MI of the pair under kernel {@code pi} in the given form: variational
     * {@code Σ P_j(a) Π(b|a) f'(r) − Σ P_j(a) P_i(b) f*(f'(r))}, or plug-in
     * {@code Σ P_j(a) Π(b|a) f(r)/r}. An independent pair ({@code r ≡ 1}) has variational KG-MI 0
     * for every f and every kernel.
     *
     * @throws IllegalArgumentException if the kernel's shape differs from the joint's (both named)
     *                                  or a joint entry is not positive
     */
    public static double kg(KgForm form, FDivergence f, double[][] joint, double[][] pi) {
        checkJoint(joint);
        int sj = joint.length, si = joint[0].length;
        if (pi.length != sj || pi[0].length != si) {
            throw new IllegalArgumentException("kernel is " + pi.length + "×" + pi[0].length + "; expected "
                    + sj + "×" + si + " like the joint (rows: parent states, columns: child states)");
        }
        double[] pj = rows(joint), pm = cols(joint);
        double v = 0;
        for (int a = 0; a < sj; a++) {
            for (int b = 0; b < si; b++) {
                double q = pj[a] * pm[b];
                double r = joint[a][b] / q;
                v += form == KgForm.VARIATIONAL
                        ? pj[a] * pi[a][b] * f.derivative(r) - q * f.conjugateAtDerivative(r)
                        : pj[a] * pi[a][b] * f.f(r) / r;
            }
        }
        return v;
    }

    /**
     * KG-MI with the kernel's own parent marginal: the variational form with the candidate's
     * marginal {@code P_j} replaced, as the weight of the kernel-guided joint, by the marginal
     * {@code m} of the slot's parent (so the guided joint is {@code m Π}, the analogue of the paper's
     * {@code μ Π_ℓ}):
     * <pre>
     *   KG^{m,Π}_f(x_i; x_j) = Σ_a m(a) Σ_b P_i(b) [ f(ρ) − B_f(ρ, r) ]
     *                        = I^{m,Π}_f − E_{m ⊗ P_i}[ B_f(ρ, r) ],
     *   ρ(a, b) = Π(b|a) / P_i(b),   r(a, b) = P_ji(a, b) / (P_j(a) P_i(b)),
     * </pre>
     * {@code B_f(x, y) = f(x) − f(y) − f'(y)(x − y)}. It equals {@link #kg} (variational) when
     * {@code m = P_j}, as on an MTD process where every marginal is {@code μ}. It is largest,
     * {@code I^{m,Π}_f}, exactly for candidates whose conditional {@code P(x_i | x_j)} is {@code Π}
     * on the support of {@code m} (strictly convex f), and 0 for an independent candidate. For KL:
     * {@code I^{m,Π} − Σ_a m(a) KL(Π(·|a) ‖ P(x_i | x_j = a))}. <b>This project's extension</b> for
     * networks, where marginals differ from node to node and the unmodified form rewards candidates
     * for their marginal rather than their conditional.
     *
     * @throws IllegalArgumentException if the kernel or {@code m} do not match the joint's shape
     */
    public static double kgReference(FDivergence f, double[][] joint, double[][] pi, double[] m) {
        checkJoint(joint);
        int sj = joint.length, si = joint[0].length;
        if (pi.length != sj || pi[0].length != si) {
            throw new IllegalArgumentException("kernel is " + pi.length + "×" + pi[0].length + "; expected "
                    + sj + "×" + si + " like the joint (rows: parent states, columns: child states)");
        }
        if (m.length != sj) {
            throw new IllegalArgumentException("parent marginal has " + m.length + " states; expected " + sj + " like the joint");
        }
        double[] pj = rows(joint), pm = cols(joint);
        double v = 0;
        for (int a = 0; a < sj; a++) {
            if (m[a] == 0) {
                continue;
            }
            double row = 0;
            for (int b = 0; b < si; b++) {
                double r = joint[a][b] / (pj[a] * pm[b]);
                double rho = pi[a][b] / pm[b];
                row += pm[b] * (f.f(r) + f.derivative(r) * (rho - r));
            }
            v += m[a] * row;
        }
        return v;
    }

    private static void checkJoint(double[][] joint) {
        if (joint.length == 0 || joint[0].length == 0) {
            throw new IllegalArgumentException("empty joint table; expected S_j × S_i with S_j, S_i >= 1");
        }
        for (int a = 0; a < joint.length; a++) {
            if (joint[a].length != joint[0].length) {
                throw new IllegalArgumentException("joint row " + a + " has " + joint[a].length + " entries; expected "
                        + joint[0].length + " (a rectangular table)");
            }
            for (int b = 0; b < joint[a].length; b++) {
                if (!(joint[a][b] > 0)) {
                    throw new IllegalArgumentException("joint entry (" + a + ", " + b + ") = " + joint[a][b]
                            + "; expected > 0 (smooth the counts)");
                }
            }
        }
    }

    private static double[] rows(double[][] m) {
        double[] r = new double[m.length];
        for (int a = 0; a < m.length; a++) {
            for (double x : m[a]) {
                r[a] += x;
            }
        }
        return r;
    }

    private static double[] cols(double[][] m) {
        double[] c = new double[m[0].length];
        for (double[] row : m) {
            for (int b = 0; b < row.length; b++) {
                c[b] += row[b];
            }
        }
        return c;
    }
}
