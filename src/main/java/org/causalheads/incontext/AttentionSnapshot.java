package org.causalheads.incontext;

import java.util.Arrays;

/**
 * The attention patterns of a model at one training step, averaged over a fixed evaluation
 * batch: for every layer and head a {@code T×T} matrix whose row {@code i} is position
 * {@code i}'s attention over {@code j ≤ i}. Also the per-sequence induction score of the last
 * layer (needs the tokens, so it is not a function of the averaged matrices).
 *
 * <p><b>Induction score</b> (last layer, query row): the attention mass on positions {@code j ≥ 1}
 * whose previous token equals the query token, {@code Σ_{j: x_{j-1} = x_{T-1}} a_{T-1,j}},
 * averaged over the batch. An induction head puts almost all its mass there.
 *
 * @param step       training step the snapshot was taken at (before that step's update)
 * @param patterns   {@code [layer][head][i][j]}
 * @param induction  induction score per head of the last layer
 * @param evalLoss   model loss on the evaluation batch at that step
 */
public record AttentionSnapshot(long step, double[][][][] patterns, double[] induction, double evalLoss) {

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
        return Metrics.rowArgmax(patterns[0][head]);
    }

    /** Per-row argmax of layer-1 head 0. */
    public int[] firstLayerArgmax() {
        return firstLayerArgmax(0);
    }

    /**
     * Mean attention on the true parent set in layer 1, averaged over the positions that have
     * parents and over the heads of layer 1.
     */
    public double meanParentAttention(Task task) {
        double sum = 0;
        for (double[][] head : patterns[0]) {
            sum += Metrics.meanOnParents(head, task);
        }
        return sum / patterns[0].length;
    }

    /**
     * Fraction of positions with parents whose layer-1 argmax (in any head) is a true parent.
     */
    public double parentRecovery(Task task) {
        int t = patterns[0][0].length;
        int n = 0;
        int hit = 0;
        int[][] am = new int[patterns[0].length][];
        for (int k = 0; k < am.length; k++) {
            am[k] = Metrics.rowArgmax(patterns[0][k]);
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

    /** Induction score of the last layer, averaged over its heads. */
    public double inductionScore() {
        return Arrays.stream(induction).average().orElse(Double.NaN);
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
        double[] ind = new double[model.heads(nl - 1)];
        Transformer.Workspace ws = model.newWorkspace();
        double loss = 0;
        for (int b = 0; b < batch.size; b++) {
            int off = b * t;
            model.forward(batch.tokens, off, ws, true);
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
            int q = batch.tokens[off + t - 1];
            for (int k = 0; k < ind.length; k++) {
                double[] a = ws.att[nl - 1][k];
                double m = 0;
                for (int j = 1; j < t; j++) {
                    if (batch.tokens[off + j - 1] == q) {
                        m += a[(t - 1) * t + j];
                    }
                }
                ind[k] += m;
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
        for (int k = 0; k < ind.length; k++) {
            ind[k] *= inv;
        }
        return new AttentionSnapshot(step, sum, ind, loss * inv);
    }
}
