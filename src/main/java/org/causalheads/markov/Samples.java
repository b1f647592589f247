package org.causalheads.markov;

/**
 * {@code n} sampled sequences of length {@code T} over {@code [S]}, stored column-major as one
 * byte per symbol: {@code T·n} bytes (10 MB for n = 100 000, T = 100), position by position,
 * which is the layout pair counting reads. Immutable.
 */
public final class Samples {

    private final int states;
    private final byte[][] cols; // cols[pos][seq]

    Samples(int states, byte[][] cols) {
        this.states = states;
        this.cols = cols;
    }

    /**
     * Samples from a matrix {@code x[seq][pos]} of symbols in {@code 0..S-1} (copied).
     *
     * @throws IllegalArgumentException if the matrix is empty, ragged, {@code S} is outside
     *                                  {@code 2..127}, or a symbol is out of range
     */
    public static Samples of(int[][] x, int states) {
        if (states < 2 || states > 127) {
            throw new IllegalArgumentException("S = " + states + "; expected 2 <= S <= 127");
        }
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("n = 0 sequences; expected at least one");
        }
        int t = x[0].length;
        if (t == 0) {
            throw new IllegalArgumentException("sequences of length 0; expected T >= 1");
        }
        byte[][] c = new byte[t][x.length];
        for (int q = 0; q < x.length; q++) {
            if (x[q].length != t) {
                throw new IllegalArgumentException("sequence " + q + " has length " + x[q].length + ", expected " + t);
            }
            for (int i = 0; i < t; i++) {
                int v = x[q][i];
                if (v < 0 || v >= states) {
                    throw new IllegalArgumentException("symbol x[" + q + "][" + i + "] = " + v + " outside 0.." + (states - 1));
                }
                c[i][q] = (byte) v;
            }
        }
        return new Samples(states, c);
    }

    /** Sequence length T. */
    public int length() {
        return cols.length;
    }

    /** Number of sequences n. */
    public int count() {
        return cols[0].length;
    }

    /** Alphabet size S. */
    public int states() {
        return states;
    }

    /** Symbol of sequence {@code seq} at position {@code pos}. */
    public int get(int seq, int pos) {
        return cols[pos][seq];
    }

    /** The symbols at position {@code pos} across all sequences (a copy). */
    public byte[] column(int pos) {
        return cols[pos].clone();
    }

    /** Sequence {@code seq} as an int array. */
    public int[] sequence(int seq) {
        int[] s = new int[cols.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = cols[i][seq];
        }
        return s;
    }

    /** The first {@code m} sequences (for sample-size sweeps on one draw). */
    public Samples first(int m) {
        if (m < 1 || m > count()) {
            throw new IllegalArgumentException("n = " + m + "; expected 1.." + count());
        }
        byte[][] c = new byte[cols.length][];
        for (int i = 0; i < cols.length; i++) {
            c[i] = java.util.Arrays.copyOf(cols[i], m);
        }
        return new Samples(states, c);
    }

    /** Empirical marginal distribution of position {@code pos}. */
    public double[] marginal(int pos) {
        double[] m = new double[states];
        for (byte b : cols[pos]) {
            m[b]++;
        }
        for (int a = 0; a < states; a++) {
            m[a] /= count();
        }
        return m;
    }

    /** Bytes held by the symbol store. */
    public long bytes() {
        return (long) cols.length * count();
    }
}
