package org.causalheads.markov;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.causalheads.numeric.Rng;
import org.causalheads.dag.Dag;

/**
 * A general K-ary transition process on a K-parent {@link Dag}: one Dirichlet({@code alpha}) row
 * {@code π(· | s_1..s_K)} per parent tuple (as in Nichani et al.'s multi-parent task), roots
 * uniform. Unlike {@link MtdProcess} nothing keeps the marginals fixed: they drift from position
 * to position, and the per-slot kernels are only nominal. Exact joints are not provided; use
 * samples.
 */
public final class KaryProcess {

    private final Dag dag;
    private final int states;
    private final int k;
    private final double[][] table; // table[tuple][s'], tuple = Σ s_l S^l

    private KaryProcess(Dag dag, int states, int k, double[][] table) {
        this.dag = dag;
        this.states = states;
        this.k = k;
        this.table = table;
    }

    /**
     * A random K-ary process: {@code S^K} Dirichlet({@code alpha}) rows drawn from {@code seed}.
     *
     * @throws IllegalArgumentException if {@code S < 2}, a non-root node does not have {@code K}
     *                                  parents, or {@code S^K} exceeds one million rows
     */
    public static KaryProcess random(Dag dag, int states, double alpha, long seed) {
        if (states < 2 || states > 127) {
            throw new IllegalArgumentException("S = " + states + "; expected 2 <= S <= 127");
        }
        int k = dag.maxInDegree();
        if (k < 1) {
            throw new IllegalArgumentException("the DAG has no edges; expected K >= 1 parents per non-root node");
        }
        for (int i = 0; i < dag.size(); i++) {
            if (dag.inDegree(i) != 0 && dag.inDegree(i) != k) {
                throw new IllegalArgumentException("node " + i + " has " + dag.inDegree(i) + " parents; expected 0 or K = " + k);
            }
        }
        double rows = Math.pow(states, k);
        if (rows > 1_000_000) {
            throw new IllegalArgumentException("S^K = " + (long) rows + " parent tuples; expected at most 1e6");
        }
        Rng rng = new Rng(seed);
        double[][] table = new double[(int) rows][];
        for (int r = 0; r < table.length; r++) {
            table[r] = rng.nextDirichlet(states, alpha);
        }
        return new KaryProcess(dag, states, k, table);
    }

    public Dag dag() {
        return dag;
    }

    public int states() {
        return states;
    }

    public int slots() {
        return k;
    }

    /** {@code π(s' | parents = tuple)} where {@code tuple[l]} is the symbol of slot {@code l}'s parent. */
    public double probability(int[] tuple, int next) {
        return table[index(tuple)][next];
    }

    private int index(int[] tuple) {
        int r = 0, m = 1;
        for (int l = 0; l < k; l++) {
            r += tuple[l] * m;
            m *= states;
        }
        return r;
    }

    /**
     * Nominal slot kernels: {@code Π_l(s'|s)} = the average of {@code π(s' | tuple)} over tuples with
     * slot {@code l} fixed to {@code s} and the other slots uniform. They equal the true pairwise
     * conditionals only when the parents are independent and uniform, which nothing here ensures.
     */
    public List<Kernel> nominalSlotKernels() {
        List<Kernel> out = new ArrayList<>();
        for (int l = 0; l < k; l++) {
            double[][] m = new double[states][states];
            int[] count = new int[states];
            int[] tuple = new int[k];
            for (int r = 0; r < table.length; r++) {
                int rem = r;
                for (int q = 0; q < k; q++) {
                    tuple[q] = rem % states;
                    rem /= states;
                }
                int a = tuple[l];
                count[a]++;
                for (int b = 0; b < states; b++) {
                    m[a][b] += table[r][b];
                }
            }
            for (int a = 0; a < states; a++) {
                double sum = 0;
                for (int b = 0; b < states; b++) {
                    m[a][b] /= count[a];
                    sum += m[a][b];
                }
                for (int b = 0; b < states; b++) {
                    m[a][b] /= sum;
                }
            }
            out.add(Kernel.of(m, "nominal Pi[" + l + "]"));
        }
        return List.copyOf(out);
    }

    /** {@code n} sequences, reproducible from {@code seed}; roots uniform. */
    public Samples sample(int n, long seed) {
        int t = dag.size();
        double[][] cdf = new double[table.length][];
        for (int r = 0; r < table.length; r++) {
            cdf[r] = Rng.cumulative(table[r]);
        }
        double[] uni = new double[states];
        Arrays.fill(uni, 1.0 / states);
        double[] uniCdf = Rng.cumulative(uni);
        int[][] parents = new int[t][];
        for (int i = 0; i < t; i++) {
            parents[i] = dag.parents(i);
        }
        return SequenceSampler.sample(n, t, states, seed, (cols, from, to, rng) -> {
            for (int i = 0; i < t; i++) {
                int[] pa = parents[i];
                byte[] col = cols[i];
                for (int q = from; q < to; q++) {
                    if (pa.length == 0) {
                        col[q] = (byte) rng.nextFromCumulative(uniCdf);
                    } else {
                        int r = 0, m = 1;
                        for (int l = 0; l < k; l++) {
                            r += cols[pa[l]][q] * m;
                            m *= states;
                        }
                        col[q] = (byte) rng.nextFromCumulative(cdf[r]);
                    }
                }
            }
        });
    }
}
