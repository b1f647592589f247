package org.causalheads.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.causalheads.attention.AscentConfig;
import org.causalheads.baselines.DiscreteData;
import org.causalheads.dag.Dag;
import org.causalheads.info.FDivergence;
import org.causalheads.info.InfoMeasures;
import org.causalheads.info.JointTable;

/**
 * KG-MI attention that estimates everything it uses from the data: the <em>estimated</em>
 * variant, beside the <em>oracle</em> one ({@link Method.AttentionMethod}, {@link NetworkKgmi}),
 * which is handed the true slot kernels, exact parent marginals, every node's in-degree and,
 * through the kernels' shapes, the true parents' state counts. <b>This is this project's
 * extension, not part of the KG-MI paper</b>, whose theory assumes the kernels known.
 *
 * <p>Its only input is a {@link DiscreteData}: the samples, each column's number of states (the
 * alphabet the data are written in) and the column names, columns in topological order (the order
 * every method of the comparison gets). Nothing of the generating network or process can reach it,
 * by the type of {@link #fit}.
 *
 * <h2>The fixed point</h2>
 * Each node {@code i} is fitted on its own (the objective is a sum over rows that do not interact).
 * Its state is an ordered list of chosen parents {@code P_i}.
 * <ol>
 * <li><b>Data-only start.</b> Every earlier node is a candidate. {@code P_i} = the earlier nodes
 * whose likelihood-ratio (G) test of independence from node {@code i} rejects at level
 * {@code level}, by decreasing estimated KL-MI, at most {@code maxParents} of them.</li>
 * <li><b>In-degree.</b> Backward elimination: while some member {@code q} of {@code P_i} has a
 * conditional G test of {@code x_i ⊥ x_q | x_{P_i∖q}} that does not reject at {@code level}, the
 * one of those members with the smallest estimated KL-MI with {@code x_i} is removed. (Removing the
 * largest p-value first would drop a deterministic node such as asia's {@code either} = lung OR tub,
 * whose test given its own inputs is exactly 0, and keep its inputs.) What is left is the
 * estimated in-degree {@code k̂_i}.</li>
 * <li><b>Slot kernels and marginals from the data.</b> From the smoothed empirical conditional
 * table {@code P̂(x_i | x_{P_i})} (pseudo-count {@code smoothing} per cell), slot {@code ℓ}'s kernel
 * is that table averaged over the other chosen parents at their empirical marginals — the same
 * construction as {@link org.causalheads.bn.SlotKernels} applied to estimated tables. On an MTD
 * process with the right parents this is the slot's marginal kernel
 * {@code Π_ℓ = λ_ℓ κ_ℓ + (1 − λ_ℓ) μ}; for a chosen node that the others screen off it is close to
 * independence. The reference marginal of slot {@code ℓ} is the smoothed empirical marginal of its
 * node.</li>
 * <li><b>Values and training.</b> {@code maxParents} heads; head {@code ℓ < k̂_i} gets
 * {@code V^ℓ_{ij} = KG^{m,Π̂}_f(x_i; x_j)} ({@link InfoMeasures#kgReference}) for every earlier
 * node {@code j} whose state count equals the kernel's number of rows, beside the "no parent"
 * candidate with value 0 (as in {@link NetworkKgmi}); heads {@code ℓ ≥ k̂_i} see only "no
 * parent". Gradient ascent from uniform attention, as {@link NetworkKgmi}, and the readout: the
 * distinct non-null picks in head order are the new {@code P_i}.</li>
 * <li>Repeat 2–4 until the readout equals the {@code P_i} it was computed from (the fixed point:
 * <em>converged</em>), a readout of an earlier round comes back (a cycle), or {@code maxIterations}
 * rounds have run; the last readout is the estimate.</li>
 * </ol>
 * Everything is deterministic: equal values and p-values are broken by the lower index.
 *
 * <p>What it costs: a node with three chosen parents of five states has a 625-cell conditional
 * table, so at small n many of its cells are empty, the conditional tests lose power, and
 * backward elimination drops true parents; the estimated kernels are also noisier than the
 * oracle's. Both are the price of not being told.
 */
public final class EstimatedKgmi {

    /** Default largest number of parents (heads) per node: {@value}. */
    public static final int DEFAULT_MAX_PARENTS = 3;
    /** Default level of the G tests: {@value}. */
    public static final double DEFAULT_LEVEL = 0.01;
    /** Default cap on fixed-point rounds: {@value}. */
    public static final int DEFAULT_MAX_ITERATIONS = 20;
    /** Largest conditional table (cells) a node may need; more parents of many states are refused. */
    static final long MAX_TABLE_CELLS = 5_000_000L;

    private EstimatedKgmi() {
    }

    /**
     * Settings of the estimated variant.
     *
     * @param f             the f-divergence of the KG-MI values
     * @param smoothing     additive smoothing (pseudo-count per cell) of pair joints, conditional tables and marginals
     * @param maxParents    heads per node: the largest in-degree it can find
     * @param level         level of the G tests that set the in-degree, in (0, 1)
     * @param maxIterations cap on fixed-point rounds
     * @param config        gradient-ascent settings (η, ε_attn, epoch budget per round)
     */
    public record Settings(FDivergence f, double smoothing, int maxParents, double level, int maxIterations,
                           AscentConfig config) {

        public Settings {
            if (f == null || config == null) {
                throw new IllegalArgumentException("f and config must not be null");
            }
            if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
                throw new IllegalArgumentException("smoothing = " + smoothing + "; expected a positive finite pseudo-count");
            }
            if (maxParents < 1) {
                throw new IllegalArgumentException("maxParents = " + maxParents + "; expected at least 1 head per node");
            }
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("level = " + level + "; expected a test level strictly between 0 and 1");
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations = " + maxIterations + "; expected at least 1 round");
            }
        }

        /** Defaults for {@code f}: smoothing {@link JointTable#DEFAULT_SMOOTHING}, the constants above, {@link AscentConfig#defaults()}. */
        public static Settings defaults(FDivergence f) {
            return new Settings(f, JointTable.DEFAULT_SMOOTHING, DEFAULT_MAX_PARENTS, DEFAULT_LEVEL, DEFAULT_MAX_ITERATIONS,
                    AscentConfig.defaults());
        }

        /** The same settings with another training configuration. */
        public Settings withConfig(AscentConfig c) {
            return new Settings(f, smoothing, maxParents, level, maxIterations, c);
        }

        /** The same settings with another cap on rounds. */
        public Settings withMaxIterations(int m) {
            return new Settings(f, smoothing, maxParents, level, m, config);
        }

        /** The same settings with another number of heads. */
        public Settings withMaxParents(int m) {
            return new Settings(f, smoothing, m, level, maxIterations, config);
        }
    }

    /**
     * The outcome of one fit.
     *
     * @param picks            {@code picks[i][ℓ]}: the node head {@code ℓ} of node {@code i} picked in the last round, −1 for none
     * @param estimate         the last readout as a DAG
     * @param start            the data-only starting parents of every node (step 1)
     * @param rounds           {@code rounds[i]}: fixed-point rounds node {@code i} ran (0 for node 0)
     * @param iterations       the largest number of rounds of a node
     * @param converged        whether every node reached its fixed point within {@code maxIterations} rounds
     * @param attentionStopped whether every attention row of the last rounds reached {@code 1 − ε_attn} within the epoch budget
     * @param kernels          {@code kernels[i][ℓ]}: the estimated slot kernels of the last round ({@code [parent state][child state]})
     * @param kernelParents    {@code kernelParents[i][ℓ]}: the node whose slot kernel {@code kernels[i][ℓ]} is
     */
    public record Fit(int[][] picks, Dag estimate, int[][] start, int[] rounds, int iterations, boolean converged,
                      boolean attentionStopped, double[][][][] kernels, int[][] kernelParents) {
    }

    /**
     * Fits every node of the data.
     *
     * @throws IllegalArgumentException if a node would need a conditional table of more than
     *                                  {@value #MAX_TABLE_CELLS} cells (lower {@code maxParents})
     */
    public static Fit fit(DiscreteData data, Settings s) {
        if (data == null || s == null) {
            throw new IllegalArgumentException("data and settings must not be null");
        }
        int t = data.size();
        int[] states = data.states();
        int[][] cols = new int[t][];
        for (int j = 0; j < t; j++) {
            cols[j] = data.column(j);
        }
        int[] sorted = states.clone();
        Arrays.sort(sorted);
        long cells = sorted[t - 1];
        for (int q = 0; q < Math.min(s.maxParents(), t - 1); q++) {
            cells *= sorted[t - 1 - q];
        }
        if (cells > MAX_TABLE_CELLS) {
            throw new IllegalArgumentException("maxParents = " + s.maxParents() + " needs conditional tables of up to " + cells
                    + " cells for state counts up to " + sorted[t - 1] + "; expected at most " + MAX_TABLE_CELLS + " (lower maxParents)");
        }
        int h = s.maxParents();
        double c = s.config().eta() / t;
        int[][] picks = new int[t][];
        int[][] start = new int[t][];
        int[][] parents = new int[t][];
        int[] rounds = new int[t];
        double[][][][] kernels = new double[t][][][];
        int[][] kernelParents = new int[t][];
        boolean converged = true, stopped = true;
        for (int i = 0; i < t; i++) {
            Node node = new Node(cols, states, i, s, c);
            start[i] = node.start();
            int[] p = start[i];
            List<int[]> seen = new ArrayList<>();
            seen.add(sortedCopy(p));
            boolean fixed = i == 0;
            int r = 0;
            Round last = null;
            while (!fixed && r < s.maxIterations()) {
                r++;
                last = node.round(p, h);
                int[] next = last.readout;
                if (Arrays.equals(sortedCopy(next), sortedCopy(p))) {
                    fixed = true;
                } else if (seen.stream().anyMatch(q -> Arrays.equals(q, sortedCopy(next)))) {
                    p = next;
                    break;
                }
                seen.add(sortedCopy(next));
                p = next;
            }
            if (i == 0) {
                picks[i] = filled(h);
                kernels[i] = new double[0][][];
                kernelParents[i] = new int[0];
            } else {
                picks[i] = last.picks;
                kernels[i] = last.kernels;
                kernelParents[i] = last.kernelParents;
                stopped &= last.stopped;
            }
            parents[i] = p;
            rounds[i] = r;
            converged &= fixed;
        }
        int iterations = Arrays.stream(rounds).max().orElse(0);
        return new Fit(picks, Dag.of(parents), start, rounds, iterations, converged, stopped, kernels, kernelParents);
    }

    private static int[] filled(int h) {
        int[] a = new int[h];
        Arrays.fill(a, -1);
        return a;
    }

    private static int[] sortedCopy(int[] a) {
        int[] b = a.clone();
        Arrays.sort(b);
        return b;
    }

    /** One round's outcome for a node. */
    private record Round(int[] readout, int[] picks, double[][][] kernels, int[] kernelParents, boolean stopped) {
    }

    /** The data of one node: its column, its candidates' pair joints and KL-MI. */
    private static final class Node {
        final int[][] cols;
        final int[] states;
        final int i;
        final Settings s;
        final double c;
        final int n;
        final double[][][] joints;
        final double[] mi;

        Node(int[][] cols, int[] states, int i, Settings s, double c) {
            this.cols = cols;
            this.states = states;
            this.i = i;
            this.s = s;
            this.c = c;
            this.n = cols[i].length;
            this.joints = new double[i][][];
            this.mi = new double[i];
            for (int j = 0; j < i; j++) {
                joints[j] = InfoMeasures.empiricalJoint(cols[j], cols[i], states[j], states[i], s.smoothing());
                mi[j] = InfoMeasures.fMutualInformation(FDivergence.KL, joints[j]);
            }
        }

        /** Step 1: significant earlier nodes by decreasing KL-MI, at most maxParents. */
        int[] start() {
            List<double[]> sig = new ArrayList<>(); // {j, mi}
            for (int j = 0; j < i; j++) {
                double g = gIndependence(j);
                int df = (states[i] - 1) * (states[j] - 1);
                if (pValue(g, df) < s.level()) {
                    sig.add(new double[] {j, mi[j]});
                }
            }
            sig.sort((a, b) -> a[1] != b[1] ? Double.compare(b[1], a[1]) : Double.compare(a[0], b[0]));
            return sig.stream().limit(s.maxParents()).mapToInt(a -> (int) a[0]).toArray();
        }

        /** Steps 2–4 from the parents {@code p}. */
        Round round(int[] p, int h) {
            int[] q = prune(p);
            double[][][] ks = new double[q.length][][];
            double[][] ms = new double[q.length][];
            for (int l = 0; l < q.length; l++) {
                ks[l] = slotKernel(q, l);
                ms[l] = marginal(q[l]);
            }
            int[] picks = new int[h];
            boolean stopped = true;
            for (int l = 0; l < h; l++) {
                double[] row = new double[i + 1];
                Arrays.fill(row, Double.NaN);
                row[0] = NetworkKgmi.DEFAULT_NULL_VALUE;
                if (l < q.length) {
                    for (int j = 0; j < i; j++) {
                        if (states[j] == ks[l].length) {
                            row[j + 1] = InfoMeasures.kgReference(s.f(), joints[j], ks[l], ms[l]);
                        }
                    }
                }
                double[] a = new double[row.length];
                if (NetworkKgmi.ascend(row, a, c, 1 - s.config().epsAttn(), s.config().maxEpochs()) < 0) {
                    stopped = false;
                }
                int best = 0;
                for (int x = 1; x < a.length; x++) {
                    if (a[x] > a[best]) {
                        best = x;
                    }
                }
                picks[l] = best - 1;
            }
            List<Integer> out = new ArrayList<>();
            for (int pk : picks) {
                if (pk >= 0 && !out.contains(pk)) {
                    out.add(pk);
                }
            }
            return new Round(out.stream().mapToInt(Integer::intValue).toArray(), picks, ks, q, stopped);
        }

        /**
         * Step 2: backward elimination. Among the members whose conditional G test does not reject,
         * the one with the smallest KL-MI with node {@code i} goes first; repeat until every member's
         * test rejects.
         */
        int[] prune(int[] p) {
            List<Integer> set = new ArrayList<>();
            for (int x : p) {
                set.add(x);
            }
            while (!set.isEmpty()) {
                int weakest = -1;
                for (int m = 0; m < set.size(); m++) {
                    if (conditionalPValue(set, m) > s.level() && (weakest < 0 || mi[set.get(m)] < mi[set.get(weakest)])) {
                        weakest = m;
                    }
                }
                if (weakest < 0) {
                    break;
                }
                set.remove(weakest);
            }
            return set.stream().mapToInt(Integer::intValue).toArray();
        }

        /** p-value of the G test of {@code x_i ⊥ x_{set[m]} | x_{set ∖ set[m]}}. */
        double conditionalPValue(List<Integer> set, int m) {
            int q = set.get(m);
            int[] rest = set.stream().filter(x -> x != q).mapToInt(Integer::intValue).toArray();
            int rc = 1;
            for (int r : rest) {
                rc *= states[r];
            }
            int sq = states[q], si = states[i];
            long[] nqri = new long[rc * sq * si];
            for (int row = 0; row < n; row++) {
                int code = 0;
                for (int r : rest) {
                    code = code * states[r] + cols[r][row];
                }
                nqri[(code * sq + cols[q][row]) * si + cols[i][row]]++;
            }
            double g = 0;
            for (int code = 0; code < rc; code++) {
                long[] nri = new long[si];
                long[] nqr = new long[sq];
                long nr = 0;
                for (int a = 0; a < sq; a++) {
                    for (int b = 0; b < si; b++) {
                        long x = nqri[(code * sq + a) * si + b];
                        nri[b] += x;
                        nqr[a] += x;
                        nr += x;
                    }
                }
                for (int a = 0; a < sq; a++) {
                    for (int b = 0; b < si; b++) {
                        long x = nqri[(code * sq + a) * si + b];
                        if (x > 0) {
                            g += 2.0 * x * Math.log((double) x * nr / ((double) nqr[a] * nri[b]));
                        }
                    }
                }
            }
            return pValue(g, (si - 1) * (sq - 1) * rc);
        }

        /** G statistic of independence of node j and node i (unsmoothed counts). */
        double gIndependence(int j) {
            int sj = states[j], si = states[i];
            long[] nji = new long[sj * si];
            long[] nj = new long[sj];
            long[] ni = new long[si];
            for (int row = 0; row < n; row++) {
                nji[cols[j][row] * si + cols[i][row]]++;
                nj[cols[j][row]]++;
                ni[cols[i][row]]++;
            }
            double g = 0;
            for (int a = 0; a < sj; a++) {
                for (int b = 0; b < si; b++) {
                    long x = nji[a * si + b];
                    if (x > 0) {
                        g += 2.0 * x * Math.log((double) x * n / ((double) nj[a] * ni[b]));
                    }
                }
            }
            return g;
        }

        /** Step 3: slot {@code l}'s kernel, the smoothed conditional table averaged over the other slots at their marginals. */
        double[][] slotKernel(int[] q, int l) {
            int si = states[i];
            int configs = 1;
            for (int x : q) {
                configs *= states[x];
            }
            long[] cnt = new long[configs * si];
            for (int row = 0; row < n; row++) {
                int code = 0;
                for (int x : q) {
                    code = code * states[x] + cols[x][row];
                }
                cnt[code * si + cols[i][row]]++;
            }
            double[][] marg = new double[q.length][];
            for (int m = 0; m < q.length; m++) {
                marg[m] = marginal(q[m]);
            }
            double[][] k = new double[states[q[l]]][si];
            int[] a = new int[q.length];
            double alpha = s.smoothing();
            for (int code = 0; code < configs; code++) {
                int rem = code;
                for (int m = q.length - 1; m >= 0; m--) {
                    a[m] = rem % states[q[m]];
                    rem /= states[q[m]];
                }
                double w = 1;
                for (int m = 0; m < q.length; m++) {
                    if (m != l) {
                        w *= marg[m][a[m]];
                    }
                }
                long tot = 0;
                for (int b = 0; b < si; b++) {
                    tot += cnt[code * si + b];
                }
                for (int b = 0; b < si; b++) {
                    k[a[l]][b] += w * (cnt[code * si + b] + alpha) / (tot + si * alpha);
                }
            }
            return k;
        }

        /** Smoothed empirical marginal of node {@code j}. */
        double[] marginal(int j) {
            double[] m = new double[states[j]];
            for (int x : cols[j]) {
                m[x]++;
            }
            double d = n + states[j] * s.smoothing();
            for (int a = 0; a < m.length; a++) {
                m[a] = (m[a] + s.smoothing()) / d;
            }
            return m;
        }
    }

    /** Upper tail of χ² with {@code df} degrees of freedom at {@code g}; 1 for {@code df < 1}. */
    static double pValue(double g, int df) {
        if (df < 1) {
            return 1.0;
        }
        if (!(g > 0)) {
            return 1.0;
        }
        return 1.0 - new ChiSquaredDistribution(null, df).cumulativeProbability(g);
    }
}
