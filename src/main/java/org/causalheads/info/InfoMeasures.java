package org.causalheads.info;

/**
 * f-MI and KG-MI of one pair from its joint table, EJML style: static functions of flat
 * row-major arrays. {@code joint[a*S + b] = P(S_j = a, S_i = b)}, every entry {@code > 0};
 * marginals are taken from the joint. {@code pi[a*S + b] = Π_l(b | a)}.
 */
public final class InfoMeasures {

    private InfoMeasures() {
    }

    /** {@code I_f(S_i; S_j) = Σ P_j(a) P_i(b) f(r(a,b))}, {@code r = P_ji / (P_j ⊗ P_i)}. */
    public static double fMutualInformation(FDivergence f, double[] joint, int s) {
        double[] pj = rowSums(joint, s), pi = colSums(joint, s);
        double v = 0;
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                double q = pj[a] * pi[b];
                v += q * f.f(joint[a * s + b] / q);
            }
        }
        return v;
    }

    /**
     * Variational KG-MI:
     * {@code Σ P_j(a) Π(b|a) f'(r) - Σ P_j(a) P_i(b) f*(f'(r))}.
     */
    public static double kgVariational(FDivergence f, double[] joint, double[] pi, int s) {
        double[] pj = rowSums(joint, s), pm = colSums(joint, s);
        double v = 0;
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                double q = pj[a] * pm[b];
                double r = joint[a * s + b] / q;
                v += pj[a] * pi[a * s + b] * f.derivative(r) - q * f.conjugateAtDerivative(r);
            }
        }
        return v;
    }

    /** Plug-in KG-MI: {@code Σ P_j(a) Π(b|a) f(r)/r}. */
    public static double kgPlugIn(FDivergence f, double[] joint, double[] pi, int s) {
        double[] pj = rowSums(joint, s), pm = colSums(joint, s);
        double v = 0;
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                double r = joint[a * s + b] / (pj[a] * pm[b]);
                v += pj[a] * pi[a * s + b] * f.f(r) / r;
            }
        }
        return v;
    }

    /** KG-MI in the given form. */
    public static double kg(KgForm form, FDivergence f, double[] joint, double[] pi, int s) {
        return form == KgForm.VARIATIONAL ? kgVariational(f, joint, pi, s) : kgPlugIn(f, joint, pi, s);
    }

    static double[] rowSums(double[] joint, int s) {
        double[] r = new double[s];
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                r[a] += joint[a * s + b];
            }
        }
        return r;
    }

    static double[] colSums(double[] joint, int s) {
        double[] c = new double[s];
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                c[b] += joint[a * s + b];
            }
        }
        return c;
    }
}
