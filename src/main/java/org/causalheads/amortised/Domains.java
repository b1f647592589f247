package org.causalheads.amortised;

import java.util.ArrayList;
import java.util.List;
import org.causalheads.numeric.Rng;

/**
 * Seeded generators of linear-Gaussian domains ({@link LinearSem}) for the three multi-domain
 * settings of amortised discovery.
 *
 * <ul>
 *   <li>{@link Setting#SHARED_DAG} (label {@code a}): one DAG for every domain, weights drawn
 *       afresh per domain;</li>
 *   <li>{@link Setting#SHARED_ORDER} (label {@code b}): a different DAG per domain, all consistent
 *       with one topological order, weights drawn afresh per domain;</li>
 *   <li>{@link Setting#UNRELATED_ORDERS} (label {@code c}): a different DAG per domain, each in its
 *       own random topological order, weights drawn afresh per domain. The domains share only the
 *       law they are drawn from (edge density, weight law, noise), not a graph or an order: the
 *       "general graphs without a shared order" the ADAG paper leaves open.</li>
 * </ul>
 *
 * <p>In settings a and b the order is a random permutation of the labels, drawn once from the
 * seed and shared by every domain, so the columns of the data are not simply in causal order; in
 * setting c every domain draws its own permutation from its own stream. DAGs are
 * Erdős–Rényi over the order: every pair {@code a < b} of ranks is an edge with probability
 * {@code p = 2k/(d-1)}, so the expected number of edges is {@code k·d} (NOTEARS' "ER-k").
 * Weights are {@code ±U[0.5, 2]} with a fair random sign, the range NOTEARS uses (Zheng et al.
 * 2018, linear SEM experiments).
 *
 * <p>A family is reproduced from its parameters and seed: domain {@code η}'s order (setting c),
 * DAG (settings b and c) and weights come from streams split off the seed, so the first {@code M} domains of a family do not
 * depend on how many are asked for.
 */
public final class Domains {

    /** Lower end of the weight magnitudes (NOTEARS). */
    public static final double W_LOW = 0.5;
    /** Upper end of the weight magnitudes (NOTEARS). */
    public static final double W_HIGH = 2.0;

    /** The three multi-domain settings. */
    public enum Setting {
        /** One DAG, heterogeneous weights per domain. */
        SHARED_DAG,
        /** A different DAG per domain, one shared topological order. */
        SHARED_ORDER,
        /** A different DAG per domain, each in its own random topological order. */
        UNRELATED_ORDERS
    }

    private final Setting setting;
    private final int d;
    private final double edgesPerNode;
    private final double sigma;
    private final long seed;
    private final int[] order;
    private final boolean[][] sharedSupport;

    private Domains(Setting setting, int d, double edgesPerNode, double sigma, long seed) {
        this.setting = setting;
        this.d = d;
        this.edgesPerNode = edgesPerNode;
        this.sigma = sigma;
        this.seed = seed;
        Rng rng = new Rng(seed);
        this.order = permutation(d, rng);
        this.sharedSupport = erdosRenyi(d, edgesPerNode, rng);
    }

    /**
     * A family of domains.
     *
     * @param d            number of variables (at least 2)
     * @param edgesPerNode expected edges per variable {@code k} (ER-k), in {@code (0, (d-1)/2]}
     * @param sigma        noise standard deviation (&gt; 0)
     * @throws IllegalArgumentException naming the offending value
     */
    public static Domains of(Setting setting, int d, double edgesPerNode, double sigma, long seed) {
        if (setting == null) {
            throw new IllegalArgumentException("setting must be SHARED_DAG, SHARED_ORDER or UNRELATED_ORDERS, got null");
        }
        if (d < 2) {
            throw new IllegalArgumentException("d = " + d + " variables; expected d >= 2");
        }
        if (!(edgesPerNode > 0) || edgesPerNode > (d - 1) / 2.0) {
            throw new IllegalArgumentException("edgesPerNode = " + edgesPerNode + "; expected a value in (0, "
                    + (d - 1) / 2.0 + "] for d = " + d + " (edge probability 2k/(d-1) <= 1)");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise standard deviation sigma = " + sigma + "; expected a finite value > 0");
        }
        return new Domains(setting, d, edgesPerNode, sigma, seed);
    }

    /** Domain {@code index} of the family (the same object content for the same index). */
    public LinearSem domain(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("domain index = " + index + "; expected >= 0");
        }
        Rng rng = new Rng(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
        int[] order = setting == Setting.UNRELATED_ORDERS ? permutation(d, rng) : this.order;
        boolean[][] support = setting == Setting.SHARED_DAG ? sharedSupport : erdosRenyi(d, edgesPerNode, rng);
        double[][] w = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                if (support[a][b]) {
                    double mag = W_LOW + (W_HIGH - W_LOW) * rng.nextDouble();
                    w[order[a]][order[b]] = rng.nextBoolean() ? mag : -mag;
                }
            }
        }
        return LinearSem.of(w, order, sigma);
    }

    /** Domains {@code from, from+1, ..., from+count-1}. */
    public List<LinearSem> domains(int from, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count = " + count + "; expected >= 0");
        }
        List<LinearSem> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(domain(from + k));
        }
        return List.copyOf(out);
    }

    /**
     * The shared topological order ({@code order()[r]} is the label at rank {@code r}) of settings
     * a and b.
     *
     * @throws IllegalStateException in setting c, where every domain has its own order
     *                               ({@link LinearSem#order()} of {@link #domain(int)})
     */
    public int[] order() {
        if (setting == Setting.UNRELATED_ORDERS) {
            throw new IllegalStateException("setting UNRELATED_ORDERS has no shared order; expected domain(index).order()");
        }
        return order.clone();
    }

    public Setting setting() {
        return setting;
    }

    public int size() {
        return d;
    }

    public double edgesPerNode() {
        return edgesPerNode;
    }

    public double sigma() {
        return sigma;
    }

    public long seed() {
        return seed;
    }

    /** {@code support[a][b]} for ranks {@code a < b}: each pair independently with probability {@code 2k/(d-1)}. */
    static boolean[][] erdosRenyi(int d, double k, Rng rng) {
        double p = 2 * k / (d - 1);
        boolean[][] s = new boolean[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                s[a][b] = rng.nextDouble() < p;
            }
        }
        return s;
    }

    static int[] permutation(int d, Rng rng) {
        int[] p = new int[d];
        for (int i = 0; i < d; i++) {
            p[i] = i;
        }
        for (int i = d - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public String toString() {
        return "Domains[" + setting + ", d=" + d + ", ER-" + edgesPerNode + ", sigma=" + sigma + ", seed=" + seed + "]";
    }
}
