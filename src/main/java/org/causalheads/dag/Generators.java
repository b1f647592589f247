package org.causalheads.dag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.causalheads.numeric.Rng;

/**
 * Seeded generators of K-parent DAGs over positions {@code 0..T-1} in topological order.
 *
 * <p>Every generator takes the seed explicitly, so a graph is reproduced from its parameters.
 * Parent lists are <em>ordered slots</em>: the generators that draw parents at random also draw
 * their slot order at random, so slot {@code l} is not "the l-th smallest parent".
 */
public final class Generators {

    private Generators() {
    }

    /**
     * A random K-parent DAG: nodes {@code 0..K-1} are roots, {@code extraRoots} further roots are
     * picked at random among positions {@code K..T-1}, and every other node draws {@code K}
     * distinct parents uniformly among all earlier positions, in random slot order.
     *
     * @throws IllegalArgumentException if {@code T <= K}, {@code K < 1}, or {@code extraRoots} is
     *                                  negative or leaves no non-root node
     */
    public static Dag randomKParent(int T, int K, int extraRoots, long seed) {
        checkTK(T, K);
        if (extraRoots < 0 || extraRoots > T - K - 1) {
            throw new IllegalArgumentException("extraRoots = " + extraRoots + " must be in 0.." + (T - K - 1)
                    + " (T = " + T + ", K = " + K + ", at least one non-root node)");
        }
        Rng rng = new Rng(seed);
        boolean[] root = pickRoots(T, K, extraRoots, rng);
        int[][] parents = new int[T][];
        for (int i = 0; i < T; i++) {
            parents[i] = root[i] ? new int[0] : sampleDistinct(0, i, K, rng);
        }
        return Dag.of(parents);
    }

    /** {@link #randomKParent(int, int, int, long)} without extra roots. */
    public static Dag randomKParent(int T, int K, long seed) {
        return randomKParent(T, K, 0, seed);
    }

    /**
     * A banded (local) K-parent DAG: nodes {@code 0..K-1} are roots and every other node {@code i}
     * draws {@code K} distinct parents among {@code max(0, i-window)..i-1}, in random slot order.
     *
     * @throws IllegalArgumentException if {@code T <= K} or {@code window < K}
     */
    public static Dag banded(int T, int K, int window, long seed) {
        checkTK(T, K);
        if (window < K) {
            throw new IllegalArgumentException("window = " + window + " must be at least K = " + K);
        }
        Rng rng = new Rng(seed);
        int[][] parents = new int[T][];
        for (int i = 0; i < T; i++) {
            parents[i] = i < K ? new int[0] : sampleDistinct(Math.max(0, i - window), i, K, rng);
        }
        return Dag.of(parents);
    }

    /** The chain {@code 0 -> 1 -> ... -> T-1} (K = 1, node 0 the only root). */
    public static Dag chain(int T) {
        if (T < 2) {
            throw new IllegalArgumentException("a chain needs T >= 2 nodes, got T = " + T);
        }
        int[][] parents = new int[T][];
        parents[0] = new int[0];
        for (int i = 1; i < T; i++) {
            parents[i] = new int[] {i - 1};
        }
        return Dag.of(parents);
    }

    private static void checkTK(int T, int K) {
        if (K < 1) {
            throw new IllegalArgumentException("K = " + K + " parents per node; expected K >= 1");
        }
        if (T <= K) {
            throw new IllegalArgumentException("T = " + T + " positions with K = " + K
                    + " parents; expected T > K (nodes 0..K-1 are roots)");
        }
    }

    private static boolean[] pickRoots(int T, int K, int extra, Rng rng) {
        boolean[] root = new boolean[T];
        for (int i = 0; i < K; i++) {
            root[i] = true;
        }
        List<Integer> rest = new ArrayList<>();
        for (int i = K; i < T; i++) {
            rest.add(i);
        }
        for (int e = 0; e < extra; e++) {
            int k = e + rng.nextInt(rest.size() - e);
            Collections.swap(rest, e, k);
            root[rest.get(e)] = true;
        }
        return root;
    }

    /** {@code k} distinct integers from {@code [lo, hi)} in uniformly random order (partial Fisher-Yates). */
    static int[] sampleDistinct(int lo, int hi, int k, Rng rng) {
        int m = hi - lo;
        int[] pool = new int[m];
        for (int a = 0; a < m; a++) {
            pool[a] = lo + a;
        }
        int[] out = new int[k];
        for (int a = 0; a < k; a++) {
            int b = a + rng.nextInt(m - a);
            int t = pool[a];
            pool[a] = pool[b];
            pool[b] = t;
            out[a] = pool[a];
        }
        return out;
    }
}
