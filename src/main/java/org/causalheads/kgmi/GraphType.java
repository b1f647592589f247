package org.causalheads.kgmi;

/** The DAG family a {@link Problem} is generated from. */
public enum GraphType {
    /** K parents drawn uniformly among all earlier positions ({@code Generators.randomKParent}). */
    RANDOM,
    /** K parents within a window of earlier positions ({@code Generators.banded}). */
    BANDED,
    /** The chain {@code 0 -> 1 -> ...} (K = 1). */
    CHAIN
}
