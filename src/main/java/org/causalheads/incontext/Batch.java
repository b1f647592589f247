package org.causalheads.incontext;

import java.util.Arrays;

/**
 * A batch of sampled sequences with their targets: {@code size()} sequences of {@code seqLen()}
 * tokens in {@code 0..vocabSize()-1}, and for each a target distribution over the next token.
 *
 * <p>Stored flat for speed ({@code tokens[b·T + i]}, {@code targets[b·S + s]}); the accessors
 * return copies. A batch is filled once by {@link SequenceTask#sample} and not changed afterwards.
 */
public final class Batch {

    final int size;
    final int seqLen;
    final int vocabSize;
    final int[] tokens;
    final double[] targets;

    Batch(int size, int seqLen, int vocabSize) {
        this.size = size;
        this.seqLen = seqLen;
        this.vocabSize = vocabSize;
        this.tokens = new int[size * seqLen];
        this.targets = new double[size * vocabSize];
    }

    /** Number of sequences. */
    public int size() {
        return size;
    }

    /** Tokens per sequence, query included. */
    public int seqLen() {
        return seqLen;
    }

    /** Alphabet size. */
    public int vocabSize() {
        return vocabSize;
    }

    /** The tokens of sequence {@code b} (a copy). */
    public int[] sequence(int b) {
        checkIndex(b);
        return Arrays.copyOfRange(tokens, b * seqLen, (b + 1) * seqLen);
    }

    /** Token {@code i} of sequence {@code b}. */
    public int token(int b, int i) {
        checkIndex(b);
        return tokens[b * seqLen + i];
    }

    /** The target distribution of sequence {@code b} (a copy). */
    public double[] target(int b) {
        checkIndex(b);
        return Arrays.copyOfRange(targets, b * vocabSize, (b + 1) * vocabSize);
    }

    private void checkIndex(int b) {
        if (b < 0 || b >= size) {
            throw new IllegalArgumentException("sequence index " + b + " out of range 0.." + (size - 1));
        }
    }
}
