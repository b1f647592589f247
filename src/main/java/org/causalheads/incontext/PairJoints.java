package org.causalheads.incontext;

import org.causalheads.numeric.Rng;
import org.causalheads.numeric.Stationary;

/**
 * The exact joint law of two positions of an {@link InContextTree} given one transition matrix
 * {@code π}, averaged over draws of {@code π}: the shared machinery of
 * {@link ChiSquareInformation} and {@link GradientProbe#firstOrderGradient}.
 */
final class PairJoints {

    private PairJoints() {
    }

    /** A function of the exact joint law of {@code (x_i, x_j)} given one {@code π}. */
    @FunctionalInterface
    interface PairFunctional {
        /**
         * @param joint {@code joint[a·S + b] = P_π(x_i = a, x_j = b)}
         * @param mu    the stationary law of {@code π} (the marginal of every position)
         * @param pi    {@code π} row-major, {@code pi[b·S + a] = π(a|b)}
         */
        double value(double[] joint, double[] mu, double[] pi);
    }

    /**
     * {@code E_π[f(P_π(x_i, x_j))]} for every pair {@code j < i} of context positions, and
     * {@code j = i} too if {@code diagonal}. Pairs in different trees (independent given π) get
     * {@code f(μ⊗μ)} if {@code acrossTrees}, else 0; the query row stays 0.
     */
    static double[][] averageOverPi(InContextTree task, int draws, long seed, boolean acrossTrees,
                                            boolean diagonal, PairFunctional f) {
        if (draws <= 0) {
            throw new IllegalArgumentException("draws must be positive, got " + draws);
        }
        int t = task.seqLen();
        int s = task.vocabSize();
        int[] parent = task.parentArray();
        int n = parent.length;
        int[] depth = new int[n];
        for (int i = 0; i < n; i++) {
            depth[i] = parent[i] < 0 ? 0 : depth[parent[i]] + 1;
        }
        int maxDepth = 0;
        for (int d : depth) {
            maxDepth = Math.max(maxDepth, d);
        }
        // lowest common ancestor, -1 if in different trees
        int[][] lca = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                int a = i;
                int b = j;
                while (a != b && a >= 0 && b >= 0) {
                    if (depth[a] >= depth[b]) {
                        a = parent[a];
                    } else {
                        b = parent[b];
                    }
                }
                lca[i][j] = a == b ? a : -1;
            }
        }
        double[][] out = new double[t][t];
        double[] pi = new double[s * s];
        double[] work = new double[s * s];
        double[] mu = new double[s];
        double[][] pow = new double[maxDepth + 1][s * s];
        double[] joint = new double[s * s];
        Rng rng = new Rng(0);
        for (int draw = 0; draw < draws; draw++) {
            rng.reseed(Rng.derive(seed, draw));
            for (int a = 0; a < s; a++) {
                rng.nextDirichlet(task.alpha(), pi, a * s, s);
            }
            Stationary.gth(pi, 0, s, work, 0, mu, 0);
            java.util.Arrays.fill(pow[0], 0);
            for (int a = 0; a < s; a++) {
                pow[0][a * s + a] = 1;
            }
            for (int d = 1; d <= maxDepth; d++) {
                double[] prev = pow[d - 1];
                double[] cur = pow[d];
                java.util.Arrays.fill(cur, 0);
                for (int a = 0; a < s; a++) {
                    for (int m = 0; m < s; m++) {
                        double v = prev[a * s + m];
                        if (v != 0) {
                            for (int b = 0; b < s; b++) {
                                cur[a * s + b] += v * pi[m * s + b];
                            }
                        }
                    }
                }
            }
            double independent = 0;
            if (acrossTrees) {
                for (int a = 0; a < s; a++) {
                    for (int b = 0; b < s; b++) {
                        joint[a * s + b] = mu[a] * mu[b];
                    }
                }
                independent = f.value(joint, mu, pi);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < (diagonal ? i + 1 : i); j++) {
                    int c = lca[i][j];
                    if (c < 0) {
                        out[i][j] += independent;
                        continue;
                    }
                    double[] pi1 = pow[depth[i] - depth[c]];
                    double[] pj = pow[depth[j] - depth[c]];
                    java.util.Arrays.fill(joint, 0);
                    for (int m = 0; m < s; m++) {
                        if (mu[m] == 0) {
                            continue;
                        }
                        for (int a = 0; a < s; a++) {
                            double w = mu[m] * pi1[m * s + a];
                            if (w == 0) {
                                continue;
                            }
                            for (int b = 0; b < s; b++) {
                                joint[a * s + b] += w * pj[m * s + b];
                            }
                        }
                    }
                    out[i][j] += f.value(joint, mu, pi);
                }
            }
        }
        for (double[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= draws;
            }
        }
        return out;
    }
}
