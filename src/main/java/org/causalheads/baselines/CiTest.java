package org.causalheads.baselines;

/** Conditional independence test for discrete data used by PC. */
public enum CiTest {
    /** Pearson's chi-square test ({@code IndTestChiSquare}). */
    CHI_SQUARE("chi2"),
    /** The likelihood-ratio G-square test ({@code IndTestGSquare}). */
    G_SQUARE("G2");

    private final String label;

    CiTest(String label) {
        this.label = label;
    }

    /** Short label used in method descriptions. */
    public String label() {
        return label;
    }
}
