package org.causalheads.numeric;

/** Learning-rate schedule over a run of {@code steps} optimiser steps. */
public enum Schedule {
    /** {@code lr_t = lr}. */
    CONSTANT,
    /** {@code lr_t = lr · ½(1 + cos(π t / steps))}, decaying to zero (optax {@code cosine_decay_schedule}). */
    COSINE;

    /** Multiplier of the base rate at step {@code t} of {@code steps}. */
    public double factor(long t, long steps) {
        return this == CONSTANT ? 1 : 0.5 * (1 + Math.cos(Math.PI * t / steps));
    }
}
