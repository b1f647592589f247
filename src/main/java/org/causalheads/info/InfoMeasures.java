package org.causalheads.info;

/**
 * f-MI and KG-MI of one pair {@code (x_j, x_i)} from its joint table, for square tables (one
 * alphabet, the KG-MI paper) and rectangular ones alike ({@code S_j ≠ S_i}, nodes of a Bayesian
 * network with different state counts — <b>this project's extension</b>).
 *
 * <p>One implementation on flat row-major arrays, EJML style:
 * {@code joint[a·S_i + b] = P(x_j = a, x_i = b)}, every entry {@code > 0} (the ratio
 * {@code r = P_ji / (P_j ⊗ P_i)} appears inside {@code f'} and {@code log}); marginals are taken
 * from the joint; {@code pi[a·S_i + b] = Π(b | a)}, a row-stochastic {@code S_j × S_i} kernel whose
 * entries may be zero (deterministic nodes: the kernel only weights the terms). The
 * {@code double[][]} overloads check their tables and name what is wrong; the flat ones, called
 * in the inner loops of {@link InfoTables}, do not.
 */
public final class InfoMeasures {

    private InfoMeasures() {
    }

    /** {@code I_f(x_i; x_j) = Σ P_j(a) P_i(b) f(r(a,b))}, {@code r = P_ji / (P_j ⊗ P_i)}. */
    public static double fMutualInformation(FDivergence f, double[] joint, int sj, int si) {
        double[] pj = rowSums(joint, sj, si), pi = colSums(joint, sj, si);
        double v = 0;
        for (int a = 0; a < sj; a++) {
            for (int b = 0; b < si; b++) {
                double q = pj[a] * pi[b];
                v += q * f.f(joint[a * si + b] / q);
            }
        }
        return v;
    }

    /**
     * Variational KG-MI:
     * {@code Σ P_j(a) Π(b|a) f'(r) − Σ P_j(a) P_i(b) f*(f'(r))}. An independent pair
     * ({@code r ≡ 1}) scores 0 for every f and every kernel.
     */
    public static double kgVariational(FDivergence f, double[] joint, double[] pi, int sj, int si) {
        double[] pj = rowSums(joint, sj, si), pm = colSums(joint, sj, si);
        double v = 0;
        for (int a = 0; a < sj; a++) {
            for (int b = 0; b < si; b++) {
                double q = pj[a] * pm[b];
                double r = joint[a * si + b] / q;
                v += pj[a] * pi[a * si + b] * f.derivative(r) - q * f.conjugateAtDerivative(r);
            }
        }
        return v;
    }

    /** Plug-in KG-MI: {@code Σ P_j(a) Π(b|a) f(r)/r}. */
    public static double kgPlugIn(FDivergence f, double[] joint, double[] pi, int sj, int si) {
        double[] pj = rowSums(joint, sj, si), pm = colSums(joint, sj, si);
        double v = 0;
        for (int a = 0; a < sj; a++) {
            for (int b = 0; b < si; b++) {
                double r = joint[a * si + b] / (pj[a] * pm[b]);
                v += pj[a] * pi[a * si + b] * f.f(r) / r;
            }
        }
        return v;
    }

    /** KG-MI in the given form. */
    public static double kg(KgForm form, FDivergence f, double[] joint, double[] pi, int sj, int si) {
        return form == KgForm.VARIATIONAL ? kgVariational(f, joint, pi, sj, si) : kgPlugIn(f, joint, pi, sj, si);
    }

    /**
     * {@link #fMutualInformation(FDivergence, double[], int, int)} of an {@code S_j × S_i} table.
     *
     * @throws IllegalArgumentException if the table is empty, ragged, or has an entry that is not positive
     */
    public static double fMutualInformation(FDivergence f, double[][] joint) {
        checkJoint(joint);
        return fMutualInformation(f, flatten(joint), joint.length, joint[0].length);
    }

    /**
     * {@link #kg(KgForm, FDivergence, double[], double[], int, int)} of an {@code S_j × S_i} table
     * under an {@code S_j × S_i} kernel.
     *
     * @throws IllegalArgumentException if the kernel's shape differs from the joint's (both named)
     *                                  or a joint entry is not positive
     */
    public static double kg(KgForm form, FDivergence f, double[][] joint, double[][] pi) {
        checkJoint(joint);
        checkKernel(joint, pi);
        return kg(form, f, flatten(joint), flatten(pi), joint.length, joint[0].length);
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
     * {@code B_f(x, y) = f(x) − f(y) − f'(y)(x − y)}. It equals {@link #kgVariational} when
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
        checkKernel(joint, pi);
        int sj = joint.length, si = joint[0].length;
        if (m.length != sj) {
            throw new IllegalArgumentException("parent marginal has " + m.length + " states; expected " + sj + " like the joint");
        }
        double[] flat = flatten(joint);
        double[] pj = rowSums(flat, sj, si), pm = colSums(flat, sj, si);
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

    /**
     * Smoothed empirical joint {@code P̂(a, b) = (N(a, b) + α) / (n + S_j S_i α)} of two columns of
     * state indices; every entry is positive, as the measures above need.
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

    /** Row sums {@code P_j(a)} of a flat {@code S_j × S_i} table. */
    static double[] rowSums(double[] joint, int sj, int si) {
        double[] r = new double[sj];
        for (int a = 0; a < sj; a++) {
            for (int b = 0; b < si; b++) {
                r[a] += joint[a * si + b];
            }
        }
        return r;
    }

    /** Column sums {@code P_i(b)} of a flat {@code S_j × S_i} table. */
    static double[] colSums(double[] joint, int sj, int si) {
        double[] c = new double[si];
        for (int a = 0; a < sj; a++) {
            for (int b = 0; b < si; b++) {
                c[b] += joint[a * si + b];
            }
        }
        return c;
    }

    private static double[] flatten(double[][] m) {
        int cols = m[0].length;
        double[] out = new double[m.length * cols];
        for (int a = 0; a < m.length; a++) {
            System.arraycopy(m[a], 0, out, a * cols, cols);
        }
        return out;
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

    private static void checkKernel(double[][] joint, double[][] pi) {
        int sj = joint.length, si = joint[0].length;
        boolean ok = pi.length == sj;
        for (int a = 0; ok && a < sj; a++) {
            ok = pi[a].length == si;
        }
        if (!ok) {
            throw new IllegalArgumentException("kernel is " + pi.length + "×" + (pi.length == 0 ? 0 : pi[0].length) + "; expected "
                    + sj + "×" + si + " like the joint (rows: parent states, columns: child states)");
        }
    }
}
