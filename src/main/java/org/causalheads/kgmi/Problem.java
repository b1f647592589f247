package org.causalheads.kgmi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.causalheads.dag.Dag;
import org.causalheads.dag.Generators;
import org.causalheads.info.FDivergence;
import org.causalheads.info.Gap;
import org.causalheads.info.InfoTables;
import org.causalheads.info.KgForm;
import org.causalheads.info.Objective;
import org.causalheads.markov.MtdProcess;
import org.causalheads.markov.Samples;
import org.causalheads.numeric.Rng;

/**
 * A KG-MI problem: a K-parent DAG with an MTD process on it, and the provenance of how it was
 * made. Build one from parameters ({@link #builder()}), from explicit parts ({@link #of}) or from
 * a JSON spec ({@link #readSpec}); {@link #writeSpec} saves it so an experiment can be redone
 * exactly. Immutable.
 *
 * <pre>{@code
 * Problem p = Problem.builder().length(30).states(5).parents(2).strength(0.9).seed(7).build();
 * Gap gap = p.gap(FDivergence.KL);           // population gap, before any training
 * }</pre>
 */
public final class Problem {

    private final MtdProcess process;
    private final Provenance provenance;

    private Problem(MtdProcess process, Provenance provenance) {
        this.process = process;
        this.provenance = provenance;
    }

    /** A problem from an explicit process. */
    public static Problem of(MtdProcess process) {
        return new Problem(process, new Provenance("problem", Map.of("source", "explicit")));
    }

    static Problem of(MtdProcess process, Provenance provenance) {
        return new Problem(process, provenance);
    }

    /** A builder with the defaults T = 20, S = 5, K = 2, γ = 1, concentration 1, equal λ, seed 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads a JSON spec file (see {@link ProblemSpec}). */
    public static Problem readSpec(Path file) throws IOException {
        return ProblemSpec.read(file);
    }

    /** Writes this problem as a JSON spec. */
    public void writeSpec(Path file) throws IOException {
        ProblemSpec.write(this, file);
    }

    /** This problem as a JSON spec string. */
    public String toSpec() {
        return ProblemSpec.toJson(this);
    }

    public Dag dag() {
        return process.dag();
    }

    public MtdProcess process() {
        return process;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** Number of positions T. */
    public int length() {
        return process.length();
    }

    /** Number of parent slots (heads) K. */
    public int slots() {
        return process.slots();
    }

    /** Alphabet size S. */
    public int states() {
        return process.states();
    }

    /** Population (exact) value tables in the variational form. */
    public InfoTables tables(FDivergence f) {
        return tables(f, KgForm.VARIATIONAL);
    }

    /** Population (exact) value tables. */
    public InfoTables tables(FDivergence f, KgForm form) {
        return InfoTables.population(process, f, form);
    }

    /** Empirical value tables from samples of this problem (slot kernels known, default smoothing). */
    public InfoTables tables(Samples samples, FDivergence f, KgForm form) {
        return InfoTables.empirical(samples, process.slotKernels(), f, form);
    }

    /** {@code n} sequences, reproducible from {@code seed}. */
    public Samples sample(int n, long seed) {
        return process.sample(n, seed);
    }

    /** Population KG-MI gap (variational form). */
    public Gap gap(FDivergence f) {
        return tables(f).gap(dag(), Objective.KG_MI);
    }

    @Override
    public String toString() {
        return "Problem[" + process + ", " + provenance + "]";
    }

    /** Default number of positions T of a generated problem: {@value}. */
    public static final int DEFAULT_LENGTH = 20;
    /** Default alphabet size S: {@value}. */
    public static final int DEFAULT_STATES = 5;
    /** Default parents per node K: {@value}. */
    public static final int DEFAULT_PARENTS = 2;
    /** Default kernel strength γ: {@value}. */
    public static final double DEFAULT_STRENGTH = 1.0;
    /** Default Gamma concentration of the base kernels: {@value}. */
    public static final double DEFAULT_CONCENTRATION = 1.0;
    /** Default number of extra roots: {@value}. */
    public static final int DEFAULT_EXTRA_ROOTS = 0;
    /** Default graph family. */
    public static final GraphType DEFAULT_GRAPH = GraphType.RANDOM;
    /** Default window of BANDED graphs: {@value}. */
    public static final int DEFAULT_WINDOW = 4;
    /** Default problem seed: {@value}. */
    public static final long DEFAULT_SEED = 1L;

    /** Parameters of a generated problem; every setter returns this builder. */
    public static final class Builder {
        private int length = DEFAULT_LENGTH;
        private int states = DEFAULT_STATES;
        private int parents = DEFAULT_PARENTS;
        private double strength = DEFAULT_STRENGTH;
        private double concentration = DEFAULT_CONCENTRATION;
        private double[] lambda;
        private int extraRoots = DEFAULT_EXTRA_ROOTS;
        private GraphType graph = DEFAULT_GRAPH;
        private int window = DEFAULT_WINDOW;
        private long seed = DEFAULT_SEED;

        private Builder() {
        }

        /** Number of positions T. */
        public Builder length(int t) {
            this.length = t;
            return this;
        }

        /** Alphabet size S. */
        public Builder states(int s) {
            this.states = s;
            return this;
        }

        /** Parents per non-root node K (= number of heads). */
        public Builder parents(int k) {
            this.parents = k;
            return this;
        }

        /** Kernel strength γ in {@code [0, 1]}: {@code κ_l = (1-γ)U + γ M_l}. */
        public Builder strength(double gamma) {
            this.strength = gamma;
            return this;
        }

        /** Gamma concentration of the Sinkhorn base matrices {@code M_l} (small = peaked). */
        public Builder concentration(double c) {
            this.concentration = c;
            return this;
        }

        /** Mixture weights λ (default equal). */
        public Builder lambda(double... w) {
            this.lambda = w.clone();
            return this;
        }

        /** Extra roots beyond nodes {@code 0..K-1} (RANDOM graphs only). */
        public Builder extraRoots(int r) {
            this.extraRoots = r;
            return this;
        }

        /** Graph family. */
        public Builder graph(GraphType g) {
            this.graph = g;
            return this;
        }

        /** Window of BANDED graphs. */
        public Builder window(int w) {
            this.window = w;
            return this;
        }

        /** Seed of the graph and the kernels. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * The problem. The graph is drawn from the first split of {@code Rng(seed)},
         * the kernels from the second.
         *
         * @throws IllegalArgumentException for inconsistent parameters (named in the message)
         */
        public Problem build() {
            if (states < 2 || states > 127) {
                throw new IllegalArgumentException("S = " + states + "; expected 2 <= S <= 127");
            }
            if (graph == GraphType.CHAIN && parents != 1) {
                throw new IllegalArgumentException("CHAIN graphs have K = 1, got K = " + parents);
            }
            double[] lam = lambda != null ? lambda : MtdProcess.equalWeights(parents);
            if (lam.length != parents) {
                throw new IllegalArgumentException("lambda = " + Arrays.toString(lam) + " has " + lam.length
                        + " weights; expected K = " + parents);
            }
            Rng root = new Rng(seed);
            long graphSeed = root.split().nextLong();
            long kernelSeed = root.split().nextLong();
            Dag dag = switch (graph) {
                case RANDOM -> Generators.randomKParent(length, parents, extraRoots, graphSeed);
                case BANDED -> Generators.banded(length, parents, window, graphSeed);
                case CHAIN -> Generators.chain(length);
            };
            MtdProcess p = MtdProcess.randomDoublyStochastic(dag, states, lam, strength, concentration, kernelSeed);
            Map<String, String> m = new LinkedHashMap<>();
            m.put("graph", graph.name());
            m.put("T", Integer.toString(length));
            m.put("S", Integer.toString(states));
            m.put("K", Integer.toString(parents));
            m.put("gamma", Double.toString(strength));
            m.put("concentration", Double.toString(concentration));
            m.put("lambda", Arrays.toString(lam));
            if (graph == GraphType.RANDOM) {
                m.put("extraRoots", Integer.toString(extraRoots));
            }
            if (graph == GraphType.BANDED) {
                m.put("window", Integer.toString(window));
            }
            m.put("seed", Long.toString(seed));
            return new Problem(p, new Provenance("problem", m));
        }
    }
}
