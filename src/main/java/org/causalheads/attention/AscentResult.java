package org.causalheads.attention;

import java.util.OptionalInt;
import org.causalheads.dag.Dag;

/**
 * The outcome of one training run: stopping epoch (empty if the rule never fired within the
 * budget), epochs actually run, final attention, history, and the readout.
 */
public final class AscentResult {

    private final OptionalInt stopEpoch;
    private final int epochsRun;
    private final Attention attention;
    private final History history;
    private final int[][] picks;
    private final Dag estimate;
    private final AscentConfig config;

    AscentResult(OptionalInt stopEpoch, int epochsRun, Attention attention, History history, AscentConfig config) {
        this.stopEpoch = stopEpoch;
        this.epochsRun = epochsRun;
        this.attention = attention;
        this.history = history;
        this.config = config;
        int t = attention.length();
        int k = attention.heads();
        this.picks = new int[t][];
        for (int i = 0; i < t; i++) {
            picks[i] = new int[i == 0 ? 0 : k];
            for (int l = 0; l < picks[i].length; l++) {
                picks[i][l] = attention.argmax(l, i);
            }
        }
        this.estimate = readout(attention, ROOT_THRESHOLD);
    }

    /**
     * A head counts as concentrated when its largest weight has gone more than this share of the
     * way from uniform to one-hot: {@code (max_j a_ij - 1/i) / (1 - 1/i) > ROOT_THRESHOLD}. The
     * share, not the weight, so that a node with two candidates (uniform = ½) is treated like one
     * with twenty. ½ matches the dynamics: the correct parent's weight climbs to about ½ before it
     * rushes to {@code 1 - ε_attn}, while a root's heads, with nothing to find, stay near uniform.
     */
    public static final double ROOT_THRESHOLD = 0.5;

    /**
     * Reads a DAG off the attention without looking at the true graph. Nodes {@code i < K} are
     * roots (a K-parent DAG has no room for K distinct earlier parents there); node {@code i ≥ K}
     * takes as parents the distinct picks {@code argmax_j a^l_{ij}}, in head order, of the heads
     * that concentrated ({@code (max_j a^l_{ij} - 1/i)/(1 - 1/i) > rootThreshold}); a node with no
     * such head is a root, and a collapsed node gets fewer parents than heads.
     *
     * @param rootThreshold in {@code (0, 1)}
     * @throws IllegalArgumentException if {@code rootThreshold} is outside {@code (0, 1)}
     */
    public static Dag readout(Attention attention, double rootThreshold) {
        if (!(rootThreshold > 0 && rootThreshold < 1)) {
            throw new IllegalArgumentException("rootThreshold = " + rootThreshold + "; expected a value in (0, 1)");
        }
        int t = attention.length();
        int k = attention.heads();
        int[][] parents = new int[t][];
        for (int i = 0; i < t; i++) {
            parents[i] = new int[0];
            if (i < k) {
                continue;
            }
            int[] distinct = new int[k];
            int d = 0;
            for (int l = 0; l < k; l++) {
                double uniform = 1.0 / i;
                if ((attention.maxWeight(l, i) - uniform) / (1 - uniform) <= rootThreshold) {
                    continue; // a head that did not concentrate names no parent
                }
                int p = attention.argmax(l, i);
                boolean seen = false;
                for (int q = 0; q < d; q++) {
                    seen |= distinct[q] == p;
                }
                if (!seen) {
                    distinct[d++] = p;
                }
            }
            parents[i] = java.util.Arrays.copyOf(distinct, d);
        }
        return Dag.of(parents);
    }

    /** The first epoch at which the stopping rule held; empty if it never did within the budget. */
    public OptionalInt stopEpoch() {
        return stopEpoch;
    }

    /** Whether the stopping rule fired. */
    public boolean stopped() {
        return stopEpoch.isPresent();
    }

    /** Number of gradient steps taken. */
    public int epochsRun() {
        return epochsRun;
    }

    /**
     * The stopping epoch as text for a table or a sentence: {@code "12,345"}, or
     * {@code "never (budget 1,000,000)"} when the stopping rule never held.
     */
    public String stopText() {
        return stopEpoch.isPresent() ? String.format(java.util.Locale.ROOT, "%,d", stopEpoch.getAsInt())
                : String.format(java.util.Locale.ROOT, "never (budget %,d)", epochsRun);
    }

    /** Attention after the last epoch. */
    public Attention attention() {
        return attention;
    }

    public History history() {
        return history;
    }

    /**
     * Per-head readout {@code picks[i][l] = argmax_j a^l_{ij}} (a copy) for every node
     * {@code i ≥ 1}; row 0 is empty (node 0 has no candidate). Metrics ignore the rows of true roots.
     */
    public int[][] picks() {
        int[][] c = new int[picks.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = picks[i].clone();
        }
        return c;
    }

    /**
     * The estimated DAG, {@link #readout(Attention, double)} at {@link #ROOT_THRESHOLD}: the
     * true graph is not consulted.
     */
    public Dag estimate() {
        return estimate;
    }

    public AscentConfig config() {
        return config;
    }
}
