package org.causalheads.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.causalheads.attention.AscentResult;
import org.causalheads.attention.AscentConfig;
import org.causalheads.attention.AttentionAscent;
import org.causalheads.baselines.Baseline;
import org.causalheads.baselines.CiTest;
import org.causalheads.baselines.DiscreteData;
import org.causalheads.dag.Dag;
import org.causalheads.dag.MixedGraph;
import org.causalheads.info.FDivergence;
import org.causalheads.info.InfoTables;
import org.causalheads.info.JointTable;
import org.causalheads.info.KgForm;
import org.causalheads.info.Objective;
import org.causalheads.info.PairCounts;
import org.causalheads.info.InfoMeasures;
import org.causalheads.markov.Samples;

/**
 * A structure-learning method that can be run on a {@link ComparisonTask}: the Tetrad baselines and this
 * project's attention comparators behind one interface, so a notebook or a sweep loops over all
 * of them on the same samples and gets a {@link MethodResult} (label, graph, millis, failure).
 *
 * <pre>{@code
 * ComparisonTask task = ComparisonTask.kparent(problem, 10_000, 11);
 * for (Method m : Method.defaults()) {
 *     MethodResult r = m.run(task);
 *     Scores s = r.score(task.truth());
 * }
 * }</pre>
 *
 * <p>What each method knows: every method gets the samples and the topological order (Tetrad as
 * tier knowledge, attention through its causal mask). The <em>oracle</em> attention methods
 * ({@link AttentionMethod}: {@code KG-MI-KL}, {@code KG-MI-chi2}, {@code MI-attention}) and top-K
 * also get the slot kernels of the task, hence each node's in-degree, and on a network the exact
 * parent marginals and (through the kernels' shapes) the true parents' state counts. The
 * <em>estimated</em> attention methods ({@link EstimatedAttention}: {@code KG-MI-KL-est},
 * {@code KG-MI-chi2-est}) get only the samples and the order: {@link EstimatedKgmi} estimates the
 * in-degrees, kernels and marginals from them. None reads the true graph.
 *
 * <p>{@link #run} never throws because a method failed on a task: fewer than
 * {@link Baseline#MIN_SAMPLES} samples, or anything the method throws, comes back as
 * {@link MethodResult#failure()} with the empty graph. {@code millis} is wall-clock time of the
 * whole call, for every method. An attention method whose training does not reach its stopping
 * rule within the epoch budget still returns the graph read out where the budget ran out, with
 * {@link MethodResult#converged()} false.
 */
public sealed interface Method permits Method.Tetrad, Method.AttentionMethod, Method.EstimatedAttention, Method.TopKMi {

    /** Short label (a CSV cell: no commas). */
    String label();

    /** Runs the method on the task; failures are reported, not thrown. */
    MethodResult run(ComparisonTask task);

    /** A Tetrad baseline, run with the known order as tier knowledge. */
    record Tetrad(String label, Baseline baseline) implements Method {
        @Override
        public MethodResult run(ComparisonTask task) {
            return MethodResult.of(label, baseline.run(task.data(), true));
        }
    }

    /**
     * Attention trained by gradient ascent on KG-MI (one kernel per head) or on plain f-MI (every
     * head the same values: they collapse). On tasks with shared kernels (K-parent MTD problems)
     * this is the paper's model ({@link InfoTables} from smoothed pair counts, {@link AttentionAscent}, the
     * readout of {@link AscentResult}); on real networks it is {@link NetworkKgmi} (this project's
     * extension: per-node rectangular kernels and a null candidate).
     *
     * @param smoothing additive smoothing of the pair counts
     * @param nullValue value of the "no parent" candidate (real-network path only)
     */
    record AttentionMethod(String label, Objective objective, FDivergence f, double smoothing, double nullValue,
                           AscentConfig config) implements Method {

        public AttentionMethod {
            if (label == null || objective == null || f == null || config == null) {
                throw new IllegalArgumentException("label, objective, f and config must not be null");
            }
            if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
                throw new IllegalArgumentException("smoothing = " + smoothing + "; expected a positive finite pseudo-count");
            }
        }

        /** Defaults: smoothing {@link JointTable#DEFAULT_SMOOTHING}, null value 0, {@link AscentConfig#defaults()}. */
        public AttentionMethod(String label, Objective objective, FDivergence f) {
            this(label, objective, f, JointTable.DEFAULT_SMOOTHING, NetworkKgmi.DEFAULT_NULL_VALUE, AscentConfig.defaults());
        }

        /** The same method with another training configuration. */
        public AttentionMethod withConfig(AscentConfig c) {
            return new AttentionMethod(label, objective, f, smoothing, nullValue, c);
        }

        @Override
        public MethodResult run(ComparisonTask task) {
            return guarded(label, task, () -> {
                DiscreteData d = task.data();
                int t = d.size();
                if (task.shared().isPresent()) {
                    Samples x = samples(d);
                    InfoTables tab = InfoTables.of(JointTable.empirical(PairCounts.of(x), smoothing), task.shared().get(), f,
                            KgForm.VARIATIONAL);
                    AscentResult r = new AttentionAscent(config).train(tab, objective, placeholder(task.kernels()));
                    int[][] picks = r.picks();
                    return new MethodResult(label, MixedGraph.of(t, r.estimate().edges(), d.names()), 0, Optional.empty(),
                            Optional.of(picks), Optional.of(r.stopped()));
                }
                NetworkKgmi.Fit fit = NetworkKgmi.fit(columns(d), task.kernels(), f, objective,
                        smoothing, nullValue, config);
                return new MethodResult(label, MixedGraph.of(t, fit.estimate().edges(), d.names()), 0, Optional.empty(),
                        Optional.of(fit.picks()), Optional.of(fit.stopped()));
            });
        }
    }

    /**
     * KG-MI attention with everything estimated from the data ({@link EstimatedKgmi}): it reads
     * only {@link ComparisonTask#data()} (samples, state counts, the order), never the task's
     * kernels. Its {@link MethodResult#converged()} is true when the fixed point was reached for
     * every node <em>and</em> every attention row of the last rounds reached its stopping rule.
     */
    record EstimatedAttention(String label, EstimatedKgmi.Settings settings) implements Method {

        public EstimatedAttention {
            if (label == null || settings == null) {
                throw new IllegalArgumentException("label and settings must not be null");
            }
        }

        /** Defaults of {@link EstimatedKgmi.Settings#defaults}. */
        public EstimatedAttention(String label, FDivergence f) {
            this(label, EstimatedKgmi.Settings.defaults(f));
        }

        /** The same method with another training configuration. */
        public EstimatedAttention withConfig(AscentConfig c) {
            return new EstimatedAttention(label, settings.withConfig(c));
        }

        @Override
        public MethodResult run(ComparisonTask task) {
            return guarded(label, task, () -> run(task.data()));
        }

        /** The fit on data alone (no task: nothing else can be read). */
        MethodResult run(DiscreteData d) {
            EstimatedKgmi.Fit fit = EstimatedKgmi.fit(d, settings);
            return new MethodResult(label, MixedGraph.of(d.size(), fit.estimate().edges(), d.names()), 0, Optional.empty(),
                    Optional.of(fit.picks()), Optional.of(fit.converged() && fit.attentionStopped()));
        }
    }

    /**
     * No training: each node with {@code k_i} kernels takes the {@code k_i} earlier nodes of
     * largest estimated f-MI as its parents (one head per node, ranked). Rectangular joints, so it
     * runs on any task.
     */
    record TopKMi(String label, FDivergence f, double smoothing) implements Method {

        public TopKMi(String label, FDivergence f) {
            this(label, f, JointTable.DEFAULT_SMOOTHING);
        }

        @Override
        public MethodResult run(ComparisonTask task) {
            return guarded(label, task, () -> {
                DiscreteData d = task.data();
                int t = d.size();
                int[][] cols = columns(d);
                int[] states = d.states();
                int[][] parents = new int[t][];
                int[][] picks = new int[t][];
                for (int i = 0; i < t; i++) {
                    int k = Math.min(task.kernels().slots(i), i);
                    double[] mi = new double[i];
                    for (int j = 0; j < i && k > 0; j++) {
                        mi[j] = InfoMeasures.fMutualInformation(f,
                                InfoMeasures.empiricalJoint(cols[j], cols[i], states[j], states[i], smoothing));
                    }
                    Integer[] order = new Integer[i];
                    for (int j = 0; j < i; j++) {
                        order[j] = j;
                    }
                    Arrays.sort(order, (p, q) -> Double.compare(mi[q], mi[p]));
                    parents[i] = new int[k];
                    for (int l = 0; l < k; l++) {
                        parents[i][l] = order[l];
                    }
                    picks[i] = parents[i].clone();
                }
                return new MethodResult(label, MixedGraph.of(t, Dag.of(parents).edges(), d.names()), 0, Optional.empty(),
                        Optional.of(picks));
            });
        }
    }

    /**
     * The comparison set: PC (χ², G²; α = 0.01), FGES and BOSS (BDeu) with the known order; KG-MI
     * attention with KL and with χ², oracle and estimated; plain-KL-MI attention; top-K by KL-MI.
     */
    static List<Method> defaults() {
        List<Method> m = new ArrayList<>(tetrad());
        m.addAll(ours());
        return List.copyOf(m);
    }

    /** The four Tetrad baselines of {@link Baseline#defaults()} under short labels. */
    static List<Method> tetrad() {
        return List.of(new Tetrad("PC-chi2", new Baseline.Pc(CiTest.CHI_SQUARE, 0.01)),
                new Tetrad("PC-G2", new Baseline.Pc(CiTest.G_SQUARE, 0.01)),
                new Tetrad("FGES", new Baseline.Fges(10, 1)),
                new Tetrad("BOSS", new Baseline.Boss(10, 1, 1L)));
    }

    /**
     * This project's comparators: KG-MI attention (KL, χ²) given the kernels (oracle) and estimating
     * them ({@code -est}), plain-MI attention, top-K MI.
     */
    static List<Method> ours() {
        return List.of(new AttentionMethod("KG-MI-KL", Objective.KG_MI, FDivergence.KL),
                new AttentionMethod("KG-MI-chi2", Objective.KG_MI, FDivergence.CHI2),
                new EstimatedAttention("KG-MI-KL-est", FDivergence.KL),
                new EstimatedAttention("KG-MI-chi2-est", FDivergence.CHI2),
                new AttentionMethod("MI-attention", Objective.PLAIN_MI, FDivergence.KL),
                new TopKMi("topK-MI", FDivergence.KL));
    }

    /**
     * The default methods with the given labels, in the given order.
     *
     * @throws IllegalArgumentException for an unknown label (the known ones are listed)
     */
    static List<Method> byLabels(List<String> labels) {
        List<Method> out = new ArrayList<>();
        for (String l : labels) {
            out.add(defaults().stream().filter(m -> m.label().equalsIgnoreCase(l.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown method '" + l + "'; expected one of "
                            + defaults().stream().map(Method::label).toList())));
        }
        return out;
    }

    private static MethodResult guarded(String label, ComparisonTask task, Supplier<MethodResult> body) {
        MixedGraph empty = MixedGraph.empty(task.data().size(), task.data().names());
        if (task.n() < Baseline.MIN_SAMPLES) {
            return new MethodResult(label, empty, 0, Optional.of("too few samples: n = " + task.n() + ", need at least "
                    + Baseline.MIN_SAMPLES + " for a meaningful estimate"), Optional.empty());
        }
        long t0 = System.nanoTime();
        try {
            MethodResult r = body.get();
            return new MethodResult(label, r.graph(), (System.nanoTime() - t0) / 1_000_000L, Optional.empty(), r.picks(),
                    r.converged());
        } catch (RuntimeException e) {
            return new MethodResult(label, empty, (System.nanoTime() - t0) / 1_000_000L, Optional.of(
                    e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")), Optional.empty());
        }
    }

    private static int[][] columns(DiscreteData d) {
        int[][] c = new int[d.size()][];
        for (int j = 0; j < c.length; j++) {
            c[j] = d.column(j);
        }
        return c;
    }

    private static Samples samples(DiscreteData d) {
        int[] st = d.states();
        int s = Arrays.stream(st).max().orElse(2);
        int[][] rows = new int[d.rows()][d.size()];
        for (int j = 0; j < d.size(); j++) {
            int[] col = d.column(j);
            for (int r = 0; r < col.length; r++) {
                rows[r][j] = col[r];
            }
        }
        return Samples.of(rows, Math.max(2, s));
    }

    /**
     * A DAG with the in-degrees the kernels imply, for the paper's {@link AttentionAscent} (which reads only
     * roots and in-degrees from it): node {@code i} with K kernels gets parents {@code 0..K−1}.
     */
    private static Dag placeholder(NodeKernels k) {
        int[][] p = new int[k.size()][];
        for (int i = 0; i < p.length; i++) {
            int d = k.slots(i);
            if (d > 0 && i < d) {
                throw new IllegalArgumentException("node " + i + " has " + d + " kernels but only " + i
                        + " earlier nodes; the paper's trainer needs K earlier nodes");
            }
            p[i] = java.util.stream.IntStream.range(0, d).toArray();
        }
        return Dag.of(p);
    }
}
