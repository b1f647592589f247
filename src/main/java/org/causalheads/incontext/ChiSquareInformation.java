package org.causalheads.incontext;

import org.causalheads.info.FDivergence;
import org.causalheads.info.InfoMeasures;

/**
 * χ² mutual information between positions of an in-context task, the quantity whose row
 * argmax the theory says is the parent.
 *
 * <p><b>χ² mutual information</b>, {@code I_χ²(x_i; x_j) = Σ_{a,b} P(a,b)² / (P(a)P(b)) − 1}, in
 * two versions:
 * <ul>
 *   <li>{@link ChiSquareInformation#chiSquareMutualInformation(InContextTree, int, long)} — given {@code π}, then
 *       averaged over {@code π}: {@code E_π[I_χ²(x_i; x_j | π)]}. For a forest the joint given
 *       {@code π} is exact: every position is {@code μ_π}-distributed, and with lowest common
 *       ancestor {@code c} at distances {@code d_i, d_j},
 *       {@code P(a,b) = Σ_s μ_π(s) π^{d_i}(s,a) π^{d_j}(s,b)} (zero MI across trees); only the
 *       average over {@code π} is Monte Carlo. <i>Derived:</i> given {@code π} the sequence is a
 *       Markov random field on the tree, so by data processing ({@code I_χ²} is an
 *       f-information) a child shares at least as much information with its parent as with any
 *       other position; this is the matrix whose row argmax the theory says is the parent.</li>
 *   <li>{@link ChiSquareInformation#marginalChiSquareMutualInformation} — the joint of {@code (x_i, x_j)} under the
 *       sequence distribution with {@code π} marginalised out, by plug-in pair counts (positive
 *       bias about {@code (S−1)²/n}). Because the Dirichlet prior is symmetric in the labels, this
 *       joint only records how often {@code x_i = x_j}: with α = 0.1 the nearly deterministic
 *       rows create 2-cycles, and on the chain its row argmax is {@code i−2}, not the parent.
 *       Kept to show that the in-context (given-{@code π}) information is what matters.</li>
 * </ul>
 *
 */
public final class ChiSquareInformation {

    private ChiSquareInformation() {
    }

    /**
     * Plug-in {@code I_χ²(x_i; x_j)} with {@code π} marginalised out, for every pair {@code j < i}
     * of the task's {@code T} positions, from {@code samples} sequences; a {@code T×T} matrix,
     * zero on and above the diagonal.
     */
    public static double[][] marginalChiSquareMutualInformation(SequenceTask task, int samples, long seed) {
        if (samples <= 0) {
            throw new IllegalArgumentException("samples must be positive, got " + samples);
        }
        int t = task.seqLen();
        int s = task.vocabSize();
        int ss = s * s;
        long[] pair = new long[t * t * ss];
        long[] single = new long[t * s];
        Batch chunk = new Batch(Math.min(GradientProbe.CHUNK, samples), t, s);
        for (int done = 0; done < samples; done += chunk.size) {
            int n = Math.min(chunk.size, samples - done);
            task.fill(chunk, 0, n, seed, done);
            for (int b = 0; b < n; b++) {
                int o = b * t;
                for (int i = 0; i < t; i++) {
                    int xi = chunk.tokens[o + i];
                    single[i * s + xi]++;
                    int base = i * t * ss + xi * s;
                    for (int j = 0; j < i; j++) {
                        pair[base + j * ss + chunk.tokens[o + j]]++;
                    }
                }
            }
        }
        double[][] out = new double[t][t];
        double nInv = 1.0 / samples;
        double[] joint = new double[ss];
        for (int i = 1; i < t; i++) {
            for (int j = 0; j < i; j++) {
                for (int q = 0; q < ss; q++) {
                    joint[q] = pair[i * t * ss + j * ss + q] * nInv;
                }
                out[i][j] = chiSquare(joint, s);
            }
        }
        return out;
    }

    /**
     * {@code E_π[I_χ²(x_i; x_j | π)]} for every pair {@code j < i} of the task's {@code T}
     * positions (the query, independent of the rest, gets zeros, as do pairs in different trees),
     * averaged over {@code draws} transition matrices; a {@code T×T} matrix, zero on and above
     * the diagonal.
     */
    public static double[][] chiSquareMutualInformation(InContextTree task, int draws, long seed) {
        int s = task.vocabSize();
        return PairJoints.averageOverPi(task, draws, seed, false, false, (joint, mu, pi) -> chiSquare(joint, s));
    }

    /**
     * {@code I_χ²} of an {@code S×S} joint ({@code joint[a·S + b]}), by
     * {@link InfoMeasures#fMutualInformation} with {@link FDivergence#CHI2} on the joint restricted
     * to the states of positive marginal probability: a state that never occurs adds nothing to
     * {@code Σ P(a,b)²/(P(a)P(b))} and would put a zero in the denominator.
     */
    static double chiSquare(double[] joint, int s) {
        int[] rows = new int[s], cols = new int[s];
        int nr = 0, nc = 0;
        for (int a = 0; a < s; a++) {
            double r = 0, c = 0;
            for (int b = 0; b < s; b++) {
                r += joint[a * s + b];
                c += joint[b * s + a];
            }
            if (r > 0) {
                rows[nr++] = a;
            }
            if (c > 0) {
                cols[nc++] = a;
            }
        }
        if (nr == s && nc == s) {
            return InfoMeasures.fMutualInformation(FDivergence.CHI2, joint, s, s);
        }
        double[] kept = new double[nr * nc];
        for (int a = 0; a < nr; a++) {
            for (int b = 0; b < nc; b++) {
                kept[a * nc + b] = joint[rows[a] * s + cols[b]];
            }
        }
        return InfoMeasures.fMutualInformation(FDivergence.CHI2, kept, nr, nc);
    }
}
