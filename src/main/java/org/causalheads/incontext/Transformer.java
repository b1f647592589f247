package org.causalheads.incontext;

import org.causalheads.numeric.Softmax;
import org.causalheads.numeric.Rng;
import java.util.Arrays;

/**
 * The disentangled attention-only transformer.
 *
 * <p><b>Embedding.</b> Position {@code i} with token {@code x_i} enters as
 * {@code h⁰_i = [e_{x_i}; e_i]}, a one-hot token block of width {@code S} followed by a one-hot
 * position block of width {@code T}: width {@code d₀ = S + T}.
 *
 * <p><b>Layer {@code l}</b> ({@code H_l} heads, input width {@code d_l}). Head {@code k} has one
 * matrix {@code A ∈ R^{d_l×d_l}}; position {@code i} attends causally,
 * {@code a_ij = softmax_{j≤i}(h_iᵀ A h_j)}, and the head's output is {@code o_i = Σ_j a_ij h_j}.
 * The outputs are concatenated onto the residual stream: {@code h_i ← [h_i; o¹_i; ..; o^H_i]},
 * so {@code d_{l+1} = d_l (1 + H_l)}. Nothing else: no values, MLPs or normalisation.
 *
 * <p><b>Prediction.</b> {@code softmax(Wᵀ h^L_{T-1})} with {@code W ∈ R^{d_L×S}}, read at the last
 * position only; the loss is the cross-entropy against the target distribution.
 *
 * <p><b>Computation.</b> Forward and backward passes are written by hand. Layer 1 never forms
 * a dense product: with one-hot inputs its logit is the sum of four entries of {@code A}
 * ({@code A[x_i,x_j] + A[x_i,S+j] + A[S+i,x_j] + A[S+i,S+j]}), its output is a token histogram
 * of the attention row plus the row itself, and its gradient is four scatter-adds per
 * {@code (i,j)}. The last layer is evaluated at the query row only, which is all the loss sees.
 * Middle layers (depth ≥ 3) are dense. All parameters live in one flat array
 * ({@link #parameters()}); layout: for each layer, for each head, {@code A} row-major; then
 * {@code W} row-major.
 */
public final class Transformer {

    private final int s;
    private final int t;
    private final int[] heads;
    private final int[] width;
    private final int[][] offA;
    private final int offW;
    private final double[] theta;

    private Transformer(int vocab, int seqLen, int[] heads) {
        InContextTree.checkVocab(vocab);
        if (seqLen < 2) {
            throw new IllegalArgumentException("sequence length must be >= 2, got " + seqLen);
        }
        if (heads == null || heads.length == 0) {
            throw new IllegalArgumentException("heads per layer must list at least one layer, got "
                    + (heads == null ? "null" : "[]"));
        }
        for (int h : heads) {
            if (h <= 0) {
                throw new IllegalArgumentException("every layer needs at least one head, got heads "
                        + Arrays.toString(heads));
            }
        }
        this.s = vocab;
        this.t = seqLen;
        this.heads = heads.clone();
        this.width = new int[heads.length + 1];
        this.offA = new int[heads.length][];
        width[0] = vocab + seqLen;
        long off = 0;
        for (int l = 0; l < heads.length; l++) {
            offA[l] = new int[heads[l]];
            long d = width[l];
            for (int k = 0; k < heads[l]; k++) {
                offA[l][k] = (int) off;
                off += d * d;
            }
            long next = d * (1 + heads[l]);
            if (next > 1 << 15 || off > 1 << 28) {
                throw new IllegalArgumentException("heads " + Arrays.toString(heads)
                        + " make the residual stream too wide (" + next + ")");
            }
            width[l + 1] = (int) next;
        }
        this.offW = (int) off;
        this.theta = new double[offW + width[heads.length] * vocab];
    }

    /** A zero-initialised model for alphabet size {@code vocab} and length {@code seqLen}. */
    public static Transformer zeros(int vocab, int seqLen, int... headsPerLayer) {
        return new Transformer(vocab, seqLen, headsPerLayer);
    }

    /**
     * This model with every attention matrix entry set to {@code scale · N(0,1)} (seeded) and
     * {@code W} left as is — the authors' small random start for the multi-parent run.
     */
    public Transformer withRandomAttention(double scale, long seed) {
        Transformer m = copy();
        Rng rng = new Rng(Rng.derive(seed, 7));
        for (int i = 0; i < offW; i++) {
            m.theta[i] = scale * rng.nextGaussian();
        }
        return m;
    }

    /** An independent copy. */
    public Transformer copy() {
        Transformer m = new Transformer(s, t, heads);
        System.arraycopy(theta, 0, m.theta, 0, theta.length);
        return m;
    }

    /** Alphabet size {@code S}. */
    public int vocabSize() {
        return s;
    }

    /** Sequence length {@code T}. */
    public int seqLen() {
        return t;
    }

    /** Number of attention layers. */
    public int layers() {
        return heads.length;
    }

    /** Heads in layer {@code l} (0-based). */
    public int heads(int l) {
        return heads[l];
    }

    /** Heads per layer (a copy). */
    public int[] headsPerLayer() {
        return heads.clone();
    }

    /** Residual width entering layer {@code l}; {@code width(layers())} is the read-out width. */
    public int width(int l) {
        return width[l];
    }

    /** Number of parameters. */
    public int parameterCount() {
        return theta.length;
    }

    /** All parameters in the flat layout (a copy). */
    public double[] parameters() {
        return theta.clone();
    }

    /** Overwrites all parameters from the flat layout. */
    public void setParameters(double[] values) {
        if (values.length != theta.length) {
            throw new IllegalArgumentException("expected " + theta.length + " parameters, got " + values.length);
        }
        System.arraycopy(values, 0, theta, 0, theta.length);
    }

    double[] theta() {
        return theta;
    }

    /** Offset of head {@code k} of layer {@code l} in the flat layout. */
    int offsetA(int l, int k) {
        return offA[l][k];
    }

    /** Offset of {@code W} in the flat layout. */
    int offsetW() {
        return offW;
    }

    /** The attention matrix {@code A} of head {@code k} in layer {@code l} (a copy). */
    public double[][] attentionMatrix(int l, int k) {
        int d = width[l];
        double[][] a = new double[d][d];
        for (int r = 0; r < d; r++) {
            System.arraycopy(theta, offA[l][k] + r * d, a[r], 0, d);
        }
        return a;
    }

    /** Sets entry {@code (r, c)} of head {@code k}'s matrix in layer {@code l}. */
    public void setAttentionEntry(int l, int k, int r, int c, double v) {
        theta[offA[l][k] + r * width[l] + c] = v;
    }

    /** The read-out {@code W} ({@code d_L × S}, a copy). */
    public double[][] readout() {
        int d = width[heads.length];
        double[][] w = new double[d][s];
        for (int r = 0; r < d; r++) {
            System.arraycopy(theta, offW + r * s, w[r], 0, s);
        }
        return w;
    }

    /** Sets entry {@code (r, c)} of the read-out {@code W}. */
    public void setReadoutEntry(int r, int c, double v) {
        theta[offW + r * s + c] = v;
    }

    /**
     * The causal softmax of the position–position block of layer-1 head {@code k}:
     * {@code softmax_{j≤i} A[S+i, S+j]}, the quantity the authors report as the learned graph
     * (it ignores the token blocks, so it is a property of the weights, not of any input).
     */
    public double[][] positionAttention(int k) {
        int d = width[0];
        double[][] out = new double[t][t];
        for (int i = 0; i < t; i++) {
            int row = offA[0][k] + (s + i) * d + s;
            System.arraycopy(theta, row, out[i], 0, i + 1);
            Softmax.inPlace(out[i], 0, i + 1);
        }
        return out;
    }

    /** The model's next-token distribution for one sequence of {@code T} tokens. */
    public double[] predict(int[] tokens) {
        checkTokens(tokens);
        TransformerPasses ws = newPasses();
        ws.forward(tokens, 0, false);
        return ws.p.clone();
    }

    /** Mean cross-entropy on a batch (single thread). */
    public double loss(Batch batch) {
        checkBatch(batch);
        TransformerPasses ws = newPasses();
        double sum = 0;
        for (int b = 0; b < batch.size; b++) {
            ws.forward(batch.tokens, b * t, false);
            sum += Losses.crossEntropy(batch.targets, b * s, ws.p);
        }
        return sum / batch.size;
    }

    /**
     * Mean cross-entropy on a batch and its gradient (single thread), written to {@code grad}
     * in the flat layout.
     */
    public double lossAndGradient(Batch batch, double[] grad) {
        checkBatch(batch);
        if (grad.length != theta.length) {
            throw new IllegalArgumentException("gradient array needs " + theta.length + " entries, got " + grad.length);
        }
        Arrays.fill(grad, 0);
        TransformerPasses ws = newPasses();
        double sum = 0;
        for (int b = 0; b < batch.size; b++) {
            sum += ws.accumulate(batch.tokens, b * t, batch.targets, b * s, grad);
        }
        double inv = 1.0 / batch.size;
        for (int i = 0; i < grad.length; i++) {
            grad[i] *= inv;
        }
        return sum * inv;
    }

    void checkBatch(Batch batch) {
        if (batch.seqLen != t || batch.vocabSize != s) {
            throw new IllegalArgumentException("batch has T=" + batch.seqLen + ", S=" + batch.vocabSize
                    + " but the model expects T=" + t + ", S=" + s);
        }
    }

    private void checkTokens(int[] tokens) {
        if (tokens.length != t) {
            throw new IllegalArgumentException("expected " + t + " tokens, got " + tokens.length);
        }
        for (int x : tokens) {
            if (x < 0 || x >= s) {
                throw new IllegalArgumentException("token " + x + " outside 0.." + (s - 1));
            }
        }
    }

    /** Fresh working memory and the forward/backward passes for one thread. */
    TransformerPasses newPasses() {
        return new TransformerPasses(this);
    }

    @Override
    public String toString() {
        return "Transformer[S=" + s + ", T=" + t + ", heads=" + Arrays.toString(heads)
                + ", widths=" + Arrays.toString(width) + ", parameters=" + theta.length + "]";
    }
}
