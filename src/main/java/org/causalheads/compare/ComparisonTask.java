package org.causalheads.compare;

import java.util.List;
import java.util.Optional;
import org.causalheads.baselines.DiscreteData;
import org.causalheads.bn.BayesNet;
import org.causalheads.dag.Dag;
import org.causalheads.kgmi.Problem;
import org.causalheads.markov.KaryProcess;
import org.causalheads.markov.Kernel;
import org.causalheads.markov.Samples;

/**
 * One structure-learning task every {@link Method} is run on: the same samples for all methods,
 * plus what each kind of method is allowed to know.
 *
 * <ul>
 * <li>{@code data}: {@code n} samples in topological column order. Tetrad methods get these and
 * the order (tier knowledge).</li>
 * <li>{@code kernels}: per-node slot kernels for the attention methods (their number per node is
 * the in-degree, so these methods also know each node's in-degree and the roots).</li>
 * <li>{@code shared}: for K-parent MTD problems, the K kernels {@code Π_ℓ} shared by every node
 * (the paper's setting); present means the attention methods use the paper's path
 * ({@code InfoTables} + {@code Trainer}); absent (real networks) means {@link NetworkKgmi}.</li>
 * <li>{@code truth}: the true DAG, used <em>only</em> to score the estimates.</li>
 * </ul>
 *
 * @param name a short description without commas (a CSV cell)
 */
public record ComparisonTask(String name, DiscreteData data, Dag truth, NodeKernels kernels, Optional<List<Kernel>> shared) {

    public ComparisonTask {
        if (name == null || data == null || truth == null || kernels == null || shared == null) {
            throw new IllegalArgumentException("name, data, truth, kernels and shared must not be null (use Optional.empty())");
        }
        if (data.size() != truth.size() || kernels.size() != truth.size()) {
            throw new IllegalArgumentException("data has " + data.size() + " columns, kernels " + kernels.size()
                    + " nodes, truth " + truth.size() + " nodes; expected the same number");
        }
    }

    /** {@code n} samples of a K-parent MTD problem, its slot kernels known (the paper's setting). */
    public static ComparisonTask kparent(Problem p, int n, long sampleSeed) {
        List<Kernel> ks = p.process().slotKernels();
        return fromSamples(describe(p), p.sample(n, sampleSeed), p.dag(), ks, p.process().mu());
    }

    /**
     * {@code n} samples of a general K-ary (non-MTD) process; the attention methods are given its
     * nominal slot kernels, which are not the pairwise conditionals (see {@link org.causalheads.markov.KaryProcess}).
     */
    public static ComparisonTask kary(KaryProcess proc, String name, int n, long sampleSeed) {
        return fromSamples(name, proc.sample(n, sampleSeed), proc.dag(), proc.nominalSlotKernels(), null);
    }

    /** {@code n} forward samples of a Bayesian network; kernels from {@link BayesNet#slotKernels()}. */
    public static ComparisonTask network(BayesNet net, int n, long sampleSeed) {
        DiscreteData d = DiscreteData.of(net.sample(n, sampleSeed), net.stateCounts(), net.names());
        return new ComparisonTask(net.name().replace(',', ';'), d, net.toDag(), NodeKernels.of(net.slotKernels()), Optional.empty());
    }

    /** The same samples with other shared kernels given to the attention methods (e.g. wrong ones). */
    public ComparisonTask withSharedKernels(String newName, List<Kernel> kernels) {
        return new ComparisonTask(newName, data, truth, NodeKernels.shared(truth, kernels), Optional.of(List.copyOf(kernels)));
    }

    /** The same task under another name (a CSV cell: commas become semicolons). */
    public ComparisonTask withName(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("task name '" + newName + "'; expected a non-blank name");
        }
        return new ComparisonTask(newName.replace(',', ';'), data, truth, kernels, shared);
    }

    /** Number of samples. */
    public int n() {
        return data.rows();
    }

    private static ComparisonTask fromSamples(String name, Samples x, Dag truth, List<Kernel> ks, double[] mu) {
        int[][] rows = new int[x.count()][];
        for (int q = 0; q < rows.length; q++) {
            rows[q] = x.sequence(q);
        }
        int[] states = new int[x.length()];
        java.util.Arrays.fill(states, x.states());
        DiscreteData d = DiscreteData.of(rows, states);
        return new ComparisonTask(name, d, truth, NodeKernels.shared(truth, ks, mu), Optional.of(List.copyOf(ks)));
    }

    static String describe(Problem p) {
        java.util.Map<String, String> m = p.provenance().parameters();
        return String.format(java.util.Locale.ROOT, "kparent T=%d S=%d K=%d gamma=%s", p.length(), p.states(),
                p.slots(), m.getOrDefault("gamma", "?"));
    }
}
