package org.causalheads.numeric;

/**
 * The state of one gradient-descent run over a flat parameter vector: each {@link #step} moves
 * the parameters against a gradient and advances the schedule by one step. Made by
 * {@link OptimiserConfig#start}; every trainer in the project updates its parameters through
 * this interface.
 */
public interface Optimiser {

    /**
     * One update of {@code theta} in place with gradient {@code g} (same length).
     *
     * @return the learning rate used at this step
     */
    double step(double[] theta, double[] g);

    /** Steps taken so far. */
    long steps();
}
