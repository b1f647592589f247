package org.causalheads.attention;

import java.util.List;

/**
 * Settings of gradient ascent on the attention logits.
 *
 * @param eta            step size η ({@code Q ← Q + η ∇L}); default 10
 * @param maxEpochs      epoch budget; training ends here if the stopping rule never fires
 * @param epsAttn        stopping threshold: every head of every non-root node with at least two
 *                       candidates has {@code max_j a ≥ 1 - epsAttn}; in {@code (0, 1)}, default 0.05
 * @param historyStride  record the attention on the true parents every this many epochs (≥ 1);
 *                       the stride doubles when the record buffer fills (see {@link History})
 * @param snapshotEpochs epochs at which the full attention is kept (the final epoch always is)
 * @param stopEarly      stop at the stopping epoch (default) or run the whole budget
 */
public record AscentConfig(double eta, int maxEpochs, double epsAttn, int historyStride,
                          List<Integer> snapshotEpochs, boolean stopEarly) {

    public static final double DEFAULT_ETA = 10.0;
    public static final int DEFAULT_MAX_EPOCHS = 1_000_000;
    public static final double DEFAULT_EPS_ATTN = 0.05;

    public AscentConfig {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("step size eta = " + eta + "; expected a positive finite number");
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("maxEpochs = " + maxEpochs + "; expected at least 1");
        }
        if (!(epsAttn > 0 && epsAttn < 1)) {
            throw new IllegalArgumentException("epsAttn = " + epsAttn + "; expected a value in (0, 1)");
        }
        if (historyStride < 1) {
            throw new IllegalArgumentException("historyStride = " + historyStride + "; expected at least 1");
        }
        snapshotEpochs = List.copyOf(snapshotEpochs);
        for (int e : snapshotEpochs) {
            if (e < 0) {
                throw new IllegalArgumentException("snapshot epoch " + e + "; expected epochs >= 0");
            }
        }
    }

    /** η = 10, budget 10⁶ epochs, ε_attn = 0.05, stride 1, no extra snapshots, stop early. */
    public static AscentConfig defaults() {
        return new AscentConfig(DEFAULT_ETA, DEFAULT_MAX_EPOCHS, DEFAULT_EPS_ATTN, 1, List.of(), true);
    }

    public AscentConfig withEta(double e) {
        return new AscentConfig(e, maxEpochs, epsAttn, historyStride, snapshotEpochs, stopEarly);
    }

    public AscentConfig withMaxEpochs(int m) {
        return new AscentConfig(eta, m, epsAttn, historyStride, snapshotEpochs, stopEarly);
    }

    public AscentConfig withEpsAttn(double e) {
        return new AscentConfig(eta, maxEpochs, e, historyStride, snapshotEpochs, stopEarly);
    }

    public AscentConfig withHistoryStride(int s) {
        return new AscentConfig(eta, maxEpochs, epsAttn, s, snapshotEpochs, stopEarly);
    }

    public AscentConfig withSnapshots(Integer... epochs) {
        return new AscentConfig(eta, maxEpochs, epsAttn, historyStride, List.of(epochs), stopEarly);
    }

    public AscentConfig withStopEarly(boolean s) {
        return new AscentConfig(eta, maxEpochs, epsAttn, historyStride, snapshotEpochs, s);
    }
}
