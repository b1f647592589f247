package org.causalheads.incontext;

import java.util.Arrays;

/**
 * The attention patterns of a model at one training step, averaged over a fixed evaluation
 * batch: for every layer and head a {@code T×T} matrix whose row {@code i} is position
 * {@code i}'s attention over {@code j ≤ i}. Also the last layer's induction masses per row (they
 * need the tokens, so they are not a function of the averaged matrices).
 *
 * <p><b>Induction score.</b> The induction targets of row {@code i} of a sequence are the
 * positions {@code 1 ≤ j ≤ i} whose previous token equals {@code x_i}; the row's induction mass
 * is the last-layer attention on them ({@link AttentionMetrics#inductionMass}). An induction head puts
 * almost all of each row's mass there. Three averages are offered:
 * <ul>
 *   <li>{@link #inductionScore()} — the query row, over all sequences (a sequence whose query
 *       token never occurred before scores 0, so the ceiling is the share of sequences that have
 *       a target, {@link #queryTargetShare()});</li>
 *   <li>{@link #queryInductionScore()} — the query row, over the sequences that have a target
 *       (ceiling 1): {@code inductionScore() / queryTargetShare()};</li>
 *   <li>{@link #allRowsInductionScore()} — every (sequence, row) pair with a target counted once
 *       (ceiling 1). Only the query row feeds the prediction, but the head's score matrix is
 *       shared by all rows, so a real induction head scores on the other rows too.</li>
 * </ul>
 *
 * @param step          training step the snapshot was taken at (before that step's update)
 * @param patterns      {@code [layer][head][i][j]}
 * @param rowInduction  {@code [head][i]}: last-layer induction mass of row {@code i} averaged
 *                      over the sequences in which row {@code i} has a target (NaN if none)
 * @param targetShare   {@code [i]}: share of the sequences in which row {@code i} has a target
 * @param evalLoss      model loss on the evaluation batch at that step
 */
public record AttentionSnapshot(long step, double[][][][] patterns, double[][] rowInduction, double[] targetShare,
                                double evalLoss) {

    /** Number of layers. */
    public int layers() {
        return patterns.length;
    }

    /** The averaged pattern of head {@code head} in layer {@code layer} (0-based; a copy). */
    public double[][] pattern(int layer, int head) {
        double[][] p = patterns[layer][head];
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i].clone();
        }
        return out;
    }

    /** Layer-1 pattern of head 0 — the matrix that should show the causal graph. */
    public double[][] firstLayer() {
        return pattern(0, 0);
    }

    /** Last-layer pattern of head 0 — the induction head, if one formed. */
    public double[][] lastLayer() {
        return pattern(patterns.length - 1, 0);
    }

    /** Per-row argmax of layer-1 head {@code head}'s averaged attention (over {@code j ≤ i}). */
    public int[] firstLayerArgmax(int head) {
        return AttentionMetrics.rowArgmax(patterns[0][head]);
    }

    /** Per-row argmax of layer-1 head 0. */
    public int[] firstLayerArgmax() {
        return firstLayerArgmax(0);
    }

    /**
     * Mean attention on the true parent set in layer 1, averaged over the positions that have
     * parents and over the heads of layer 1.
     */
    public double meanParentAttention(SequenceTask task) {
        double sum = 0;
        for (double[][] head : patterns[0]) {
            sum += AttentionMetrics.meanOnParents(head, task);
        }
        return sum / patterns[0].length;
    }

    /**
     * Fraction of positions with parents whose layer-1 argmax (in any head) is a true parent.
     */
    public double parentRecovery(SequenceTask task) {
        int t = patterns[0][0].length;
        int n = 0;
        int hit = 0;
        int[][] am = new int[patterns[0].length][];
        for (int k = 0; k < am.length; k++) {
            am[k] = AttentionMetrics.rowArgmax(patterns[0][k]);
        }
        for (int i = 0; i < t; i++) {
            int[] pa = task.parents(i);
            if (pa.length == 0) {
                continue;
            }
            n++;
            outer:
            for (int[] a : am) {
                for (int p : pa) {
                    if (a[i] == p) {
                        hit++;
                        break outer;
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : (double) hit / n;
    }

    /**
     * Query-row induction score of the last layer over all sequences (0 where the query token
     * did not occur before; ceiling {@link #queryTargetShare()}), averaged over its heads.
     */
    public double inductionScore() {
        double share = queryTargetShare();
        return share == 0 ? 0 : share * queryInductionScore();
    }

    /** Share of the evaluation sequences whose query token occurred before: the query row's ceiling. */
    public double queryTargetShare() {
        return targetShare[targetShare.length - 1];
    }

    /**
     * Query-row induction score over the sequences that have a target (ceiling 1), averaged over
     * the last layer's heads; NaN if no sequence has one.
     */
    public double queryInductionScore() {
        return Arrays.stream(rowInduction).mapToDouble(r -> r[r.length - 1]).average().orElse(Double.NaN);
    }

    /**
     * Induction score over every (sequence, row) pair that has a target (ceiling 1), averaged
     * over the last layer's heads; NaN if no row of any sequence has a target.
     */
    public double allRowsInductionScore() {
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < targetShare.length; i++) {
            if (targetShare[i] == 0) {
                continue;
            }
            double mean = 0;
            for (double[] head : rowInduction) {
                mean += head[i];
            }
            sum += targetShare[i] * mean / rowInduction.length;
            weight += targetShare[i];
        }
        return weight == 0 ? Double.NaN : sum / weight;
    }

    /** Last-layer induction mass of head {@code head} per row, over sequences with a target (a copy). */
    public double[] rowInduction(int head) {
        return rowInduction[head].clone();
    }

    /** Computes a snapshot of {@code model} on {@code batch}. */
    public static AttentionSnapshot of(Transformer model, Batch batch, long step) {
        model.checkBatch(batch);
        int t = model.seqLen();
        int s = model.vocabSize();
        int nl = model.layers();
        double[][][][] sum = new double[nl][][][];
        for (int l = 0; l < nl; l++) {
            sum[l] = new double[model.heads(l)][t][t];
        }
        int last = nl - 1;
        double[][] ind = new double[model.heads(last)][t];
        int[] targets = new int[t];
        TransformerPasses ws = model.newPasses();
        double loss = 0;
        for (int b = 0; b < batch.size; b++) {
            int off = b * t;
            ws.forward(batch.tokens, off, true);
            loss += Losses.crossEntropy(batch.targets, b * s, ws.p);
            for (int l = 0; l < nl; l++) {
                for (int k = 0; k < model.heads(l); k++) {
                    double[] a = ws.att[l][k];
                    double[][] acc = sum[l][k];
                    for (int i = 0; i < t; i++) {
                        for (int j = 0; j <= i; j++) {
                            acc[i][j] += a[i * t + j];
                        }
                    }
                }
            }
            for (int i = 0; i < t; i++) {
                boolean counted = false;
                for (int k = 0; k < ind.length; k++) {
                    double m = AttentionMetrics.inductionMass(ws.att[last][k], t, batch.tokens, off, i);
                    if (!Double.isNaN(m)) {
                        ind[k][i] += m;
                        counted = true;
                    }
                }
                if (counted) {
                    targets[i]++;
                }
            }
        }
        double inv = 1.0 / batch.size;
        for (double[][][] layer : sum) {
            for (double[][] head : layer) {
                for (double[] row : head) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] *= inv;
                    }
                }
            }
        }
        double[] share = new double[t];
        for (int i = 0; i < t; i++) {
            share[i] = targets[i] * inv;
            for (double[] head : ind) {
                head[i] = targets[i] == 0 ? Double.NaN : head[i] / targets[i];
            }
        }
        return new AttentionSnapshot(step, sum, ind, share, loss * inv);
    }
}
