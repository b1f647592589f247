package org.causalheads.info;

/** Which value table the attention heads maximise. */
public enum Objective {
    /** Head {@code l} maximises its own kernel-guided MI {@code KG^l_f}. */
    KG_MI,
    /** Every head maximises the same plain f-MI {@code I_f}: the head-collapse control. */
    PLAIN_MI
}
