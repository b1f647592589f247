package org.causalheads.attention;

import java.util.OptionalInt;
import org.causalheads.dag.Dag;

/**
 * The outcome of one training run: stopping epoch (empty if the rule never fired within the
 * budget), epochs actually run, final attention, history, and the readout.
 */
public final class Run {

    private final OptionalInt stopEpoch;
    private final int epochsRun;
    private final Attention attention;
    private final History history;
    private final int[][] picks;
    private final Dag estimate;
    private final TrainConfig config;

    Run(OptionalInt stopEpoch, int epochsRun, Attention attention, History history, Dag truth, TrainConfig config) {
        this.stopEpoch = stopEpoch;
        this.epochsRun = epochsRun;
        this.attention = attention;
        this.history = history;
        this.config = config;
        int t = truth.size();
        this.picks = new int[t][];
        int[][] parents = new int[t][];
        for (int i = 0; i < t; i++) {
            if (truth.isRoot(i) || i == 0) {
                picks[i] = new int[0];
                parents[i] = new int[0];
                continue;
            }
            int k = attention.heads();
            picks[i] = new int[k];
            int[] distinct = new int[k];
            int d = 0;
            for (int l = 0; l < k; l++) {
                int p = attention.argmax(l, i);
                picks[i][l] = p;
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
        this.estimate = Dag.of(parents);
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

    /** Attention after the last epoch. */
    public Attention attention() {
        return attention;
    }

    public History history() {
        return history;
    }

    /**
     * Per-head readout {@code picks[i][l] = argmax_j a^l_{ij}} (a copy); empty rows for roots of
     * the true DAG (their heads are ignored).
     */
    public int[][] picks() {
        int[][] c = new int[picks.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = picks[i].clone();
        }
        return c;
    }

    /**
     * The estimated DAG: node {@code i}'s parents are its distinct head picks in head order (a
     * collapsed node gets fewer parents than heads); roots of the true DAG stay roots.
     */
    public Dag estimate() {
        return estimate;
    }

    public TrainConfig config() {
        return config;
    }
}
