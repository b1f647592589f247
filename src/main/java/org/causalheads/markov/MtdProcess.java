package org.causalheads.markov;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.causalheads.numeric.Rng;
import org.causalheads.dag.Dag;

/**
 * The mixture transition distribution (MTD) process on a K-parent {@link Dag}: roots are drawn
 * from {@code μ}, and a non-root node {@code i} with parent slots {@code p_1(i)..p_K(i)} from
 * <pre>  π(s' | s_1..s_K) = Σ_l λ_l κ_l(s' | s_l),</pre>
 * i.e. pick a slot {@code l} with probability {@code λ_l}, then step kernel {@code κ_l} from that
 * parent's symbol. All kernels share the stationary distribution {@code μ}, so every position has
 * marginal {@code μ}. (The MTD form is this project's reconstruction of the paper's transition
 * model; see the package documentation.)
 *
 * <p>Validation at creation: every non-root node has exactly {@code K} parents, {@code T > K},
 * {@code λ} on the simplex with every {@code λ_l > 0}, kernels {@code S×S} row-stochastic and
 * positive, {@code μ} a positive distribution with {@code μκ_l = μ} for every {@code l}.
 */
public final class MtdProcess {

    /** Tolerance of {@code Σλ = 1}. */
    public static final double SIMPLEX_TOL = 1e-9;

    private final Dag dag;
    private final double[] lambda;
    private final List<Kernel> kernels;
    private final double[] mu;

    private MtdProcess(Dag dag, double[] lambda, List<Kernel> kernels, double[] mu) {
        this.dag = dag;
        this.lambda = lambda;
        this.kernels = kernels;
        this.mu = mu;
    }

    /** An MTD process whose {@code μ} is the stationary distribution of {@code kernels.get(0)}. */
    public static MtdProcess of(Dag dag, double[] lambda, List<Kernel> kernels) {
        if (kernels == null || kernels.isEmpty()) {
            throw new IllegalArgumentException("kernels is empty; expected K row-stochastic kernels");
        }
        return of(dag, lambda, kernels, kernels.get(0).stationary());
    }

    /**
     * An MTD process with explicit {@code μ}.
     *
     * @throws IllegalArgumentException naming the offending value (see the class documentation)
     */
    public static MtdProcess of(Dag dag, double[] lambda, List<Kernel> kernels, double[] mu) {
        if (dag == null) {
            throw new IllegalArgumentException("dag is missing");
        }
        if (lambda == null || lambda.length == 0) {
            throw new IllegalArgumentException("lambda is empty; expected K > 0 positive weights summing to 1");
        }
        int k = lambda.length;
        int t = dag.size();
        if (t <= k) {
            throw new IllegalArgumentException("T = " + t + " positions with K = " + k + " parents; expected T > K");
        }
        for (int i = 0; i < t; i++) {
            int d = dag.inDegree(i);
            if (d != 0 && d != k) {
                throw new IllegalArgumentException("node " + i + " has " + d + " parents " + Arrays.toString(dag.parents(i))
                        + "; expected 0 (root) or K = " + k);
            }
        }
        double sum = 0;
        for (int l = 0; l < k; l++) {
            if (!(lambda[l] > 0) || Double.isInfinite(lambda[l])) {
                throw new IllegalArgumentException("lambda[" + l + "] = " + lambda[l]
                        + "; expected every weight > 0 (lambda = " + Arrays.toString(lambda) + ")");
            }
            sum += lambda[l];
        }
        if (Math.abs(sum - 1) > SIMPLEX_TOL) {
            throw new IllegalArgumentException("lambda = " + Arrays.toString(lambda) + " sums to " + sum
                    + "; expected weights on the simplex (sum 1)");
        }
        if (kernels == null || kernels.size() != k) {
            throw new IllegalArgumentException("got " + (kernels == null ? 0 : kernels.size())
                    + " kernels; expected K = " + k + " (one per slot)");
        }
        int s = kernels.get(0).size();
        for (int l = 0; l < k; l++) {
            Kernel kl = kernels.get(l);
            if (kl.size() != s) {
                throw new IllegalArgumentException("kernels[" + l + "] is " + kl.size() + "×" + kl.size()
                        + "; expected " + s + "×" + s + " like kernels[0]");
            }
            kl.requirePositive("kernels[" + l + "]");
        }
        if (mu == null || mu.length != s) {
            throw new IllegalArgumentException("mu has length " + (mu == null ? "null" : mu.length) + "; expected S = " + s);
        }
        double ms = 0;
        for (int a = 0; a < s; a++) {
            if (!(mu[a] > 0) || Double.isInfinite(mu[a])) {
                throw new IllegalArgumentException("mu[" + a + "] = " + mu[a] + "; expected a positive probability");
            }
            ms += mu[a];
        }
        if (Math.abs(ms - 1) > SIMPLEX_TOL) {
            throw new IllegalArgumentException("mu = " + Arrays.toString(mu) + " sums to " + ms + "; expected 1");
        }
        for (int l = 0; l < k; l++) {
            double r = kernels.get(l).stationarityResidual(mu);
            if (r > Kernel.STATIONARY_TOL) {
                throw new IllegalArgumentException("kernels[" + l + "] does not keep mu stationary: max |mu·kappa - mu| = "
                        + r + "; expected <= " + Kernel.STATIONARY_TOL + " (all kernels must share mu)");
            }
        }
        return new MtdProcess(dag, lambda.clone(), List.copyOf(kernels), mu.clone());
    }

    /**
     * A random MTD process of tunable strength: slot kernels {@code κ_l = (1-γ)U + γ M_l} with
     * {@code M_l} Sinkhorn-normalised Gamma({@code concentration}) matrices (doubly stochastic, so
     * {@code μ} is uniform), drawn from {@code seed}.
     */
    public static MtdProcess randomDoublyStochastic(Dag dag, int states, double[] lambda, double gamma,
                                                    double concentration, long seed) {
        Rng rng = new Rng(seed);
        List<Kernel> ks = new ArrayList<>();
        for (int l = 0; l < lambda.length; l++) {
            ks.add(Kernel.withStrength(Kernel.sinkhorn(states, concentration, rng), gamma));
        }
        double[] mu = new double[states];
        Arrays.fill(mu, 1.0 / states);
        return of(dag, lambda, ks, mu);
    }

    /** Equal weights {@code λ_l = 1/K}. */
    public static double[] equalWeights(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K = " + k + "; expected K >= 1");
        }
        double[] w = new double[k];
        Arrays.fill(w, 1.0 / k);
        return w;
    }

    public Dag dag() {
        return dag;
    }

    /** Number of positions T. */
    public int length() {
        return dag.size();
    }

    /** Number of slots K. */
    public int slots() {
        return lambda.length;
    }

    /** Alphabet size S. */
    public int states() {
        return mu.length;
    }

    /** The mixture weights (a copy). */
    public double[] lambda() {
        return lambda.clone();
    }

    /** The slot kernels. */
    public List<Kernel> kernels() {
        return kernels;
    }

    public Kernel kernel(int slot) {
        return kernels.get(slot);
    }

    /** The shared stationary distribution (a copy). */
    public double[] mu() {
        return mu.clone();
    }

    /**
     * The marginal transition kernel of slot {@code l}:
     * {@code Π_l(s'|s) = λ_l κ_l(s'|s) + (1 - λ_l) μ(s')}; exactly {@code P(S_i | S_{p_l(i)})} when
     * the parents of {@code i} are independent.
     */
    public Kernel slotKernel(int slot) {
        int s = states();
        double lam = lambda[slot];
        double[][] m = new double[s][s];
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                m[a][b] = lam * kernels.get(slot).get(a, b) + (1 - lam) * mu[b];
            }
        }
        return Kernel.of(m, "Pi[" + slot + "]");
    }

    /** All marginal slot kernels {@code Π_0..Π_{K-1}}. */
    public List<Kernel> slotKernels() {
        List<Kernel> out = new ArrayList<>();
        for (int l = 0; l < slots(); l++) {
            out.add(slotKernel(l));
        }
        return List.copyOf(out);
    }

    /** The exact pairwise conditionals and joints (no sampling), {@code O(T² K S³)}. */
    public PairwiseConditionals exactConditionals() {
        return PairwiseConditionals.of(this);
    }

    /**
     * {@code n} sequences from this process, reproducible from {@code seed} (independent of the
     * number of threads).
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Samples sample(int n, long seed) {
        int t = length(), k = slots(), s = states();
        double[] muCdf = Rng.cumulative(mu);
        double[] lamCdf = Rng.cumulative(lambda);
        double[][][] kCdf = new double[k][s][];
        for (int l = 0; l < k; l++) {
            for (int a = 0; a < s; a++) {
                kCdf[l][a] = Rng.cumulative(kernels.get(l).row(a));
            }
        }
        int[][] parents = new int[t][];
        for (int i = 0; i < t; i++) {
            parents[i] = dag.parents(i);
        }
        return SequenceSampler.sample(n, t, s, seed, (cols, from, to, rng) -> {
            for (int i = 0; i < t; i++) {
                byte[] col = cols[i];
                int[] pa = parents[i];
                if (pa.length == 0) {
                    for (int q = from; q < to; q++) {
                        col[q] = (byte) rng.nextFromCumulative(muCdf);
                    }
                } else {
                    for (int q = from; q < to; q++) {
                        int l = rng.nextFromCumulative(lamCdf);
                        int prev = cols[pa[l]][q];
                        col[q] = (byte) rng.nextFromCumulative(kCdf[l][prev]);
                    }
                }
            }
        });
    }

    @Override
    public String toString() {
        return "MtdProcess[T=" + length() + ", S=" + states() + ", K=" + slots() + ", lambda=" + Arrays.toString(lambda) + "]";
    }
}
