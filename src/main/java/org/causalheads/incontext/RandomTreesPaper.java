package org.causalheads.incontext;

/**
 * The random-tree experiment of Nichani, Damian and Lee, "How Transformers Learn Causal Structure
 * with Gradient Descent" (arXiv 2402.14735): its settings and its reported result, in one place
 * for the {@code incontext-paper} command's defaults and notebook 05's comparison.
 *
 * <p>Settings: 20 random trees over T = 20 positions with S = 3 states, each position a root with
 * probability 1/2; a two-layer disentangled transformer with one head per layer trained on each
 * tree for 2^14 SGD steps of 1024 sequences, learning rate 1, constant. Result: layer 1's mean
 * attention on the true parent, 0.837 ± 0.054 across the 20 trees.
 */
public final class RandomTreesPaper {

    /** Random trees trained, one model each. */
    public static final int GRAPHS = 20;
    /** Alphabet size. */
    public static final int STATES = 3;
    /** Sequence length. */
    public static final int LENGTH = 20;
    /** Probability that a position is a root. */
    public static final double ROOT_PROBABILITY = 0.5;
    /** SGD steps per tree. */
    public static final int STEPS = 1 << 14;
    /** Sequences per step. */
    public static final int BATCH = 1024;
    /** SGD learning rate (constant schedule). */
    public static final double LEARNING_RATE = 1.0;
    /** The paper's mean attention of layer 1 on the true parent across its trees. */
    public static final double REPORTED_MEAN = 0.837;
    /** The paper's standard deviation of that attention across its trees. */
    public static final double REPORTED_STD = 0.054;

    private RandomTreesPaper() {
    }
}
