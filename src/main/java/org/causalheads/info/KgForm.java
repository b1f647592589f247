package org.causalheads.info;

/** The two forms of kernel-guided mutual information (see the package documentation). */
public enum KgForm {
    /** {@code E_{P_j Π_l}[f'(r)] - E_{P_j ⊗ P_i}[f*(f'(r))]} (default). */
    VARIATIONAL,
    /** {@code Σ P_j(s) Π_l(s'|s) f(r)/r}. Equal to the variational form for KL only. */
    PLUG_IN
}
