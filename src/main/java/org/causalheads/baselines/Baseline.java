package org.causalheads.baselines;

import java.util.List;

/**
 * A classical structure-learning method run through Tetrad on discrete data. Implementations are
 * small immutable records holding the settings, so a notebook can loop over methods:
 * <pre>{@code
 * for (Baseline b : Baseline.defaults()) {
 *     BaselineResult r = b.run(data, true);   // true: give the known topological order as tiers
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #run} never throws because a method failed on a problem: the failure is reported in
 * {@link BaselineResult#failure()}. It throws {@link IllegalArgumentException} only for invalid
 * settings, which the record constructors already reject.
 */
public sealed interface Baseline permits Baseline.Pc, Baseline.Fges, Baseline.Boss {

    /**
     * Runs below this many samples are reported as failed ("too few samples") instead of returning
     * Tetrad's answer, which with a handful of rows is an artefact (an empty or complete graph): {@value}.
     */
    int MIN_SAMPLES = 10;

    /** Description of the method and its settings. */
    String name();

    /**
     * Runs the method on {@code data}.
     *
     * @param useKnownOrder if true, the column order of {@code data} is given to Tetrad as tier
     *                      knowledge, one node per tier in column order: no edge may point from a
     *                      later column to an earlier one. The attention model knows the order
     *                      through its causal mask, so this makes the comparison fair.
     */
    BaselineResult run(DiscreteData data, boolean useKnownOrder);

    /** Runs without order knowledge. */
    default BaselineResult run(DiscreteData data) {
        return run(data, false);
    }

    /** PC with chi-square and G-square at alpha 0.01, FGES and BOSS with BDeu (sample prior 10, structure prior 1). */
    static List<Baseline> defaults() {
        return List.of(new Pc(CiTest.CHI_SQUARE, 0.01), new Pc(CiTest.G_SQUARE, 0.01),
                new Fges(10, 1), new Boss(10, 1, 1L));
    }

    /**
     * PC (Spirtes, Glymour and Scheines) with a discrete conditional independence test; Tetrad's
     * defaults otherwise (stable adjacency search, default collider conflict rule).
     *
     * @param test  chi-square or G-square
     * @param alpha significance level, in (0, 1)
     * @param depth largest conditioning set size, or -1 for no limit
     */
    record Pc(CiTest test, double alpha, int depth) implements Baseline {

        public Pc {
            if (test == null) {
                throw new IllegalArgumentException("test must not be null, expected one of " + List.of(CiTest.values()));
            }
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
            }
            if (depth < -1) {
                throw new IllegalArgumentException("depth must be -1 (no limit) or >= 0, got " + depth);
            }
        }

        /** PC with no depth limit. */
        public Pc(CiTest test, double alpha) {
            this(test, alpha, -1);
        }

        @Override
        public String name() {
            return "PC(" + test.label() + ", alpha=" + alpha + (depth >= 0 ? ", depth=" + depth : "") + ")";
        }

        @Override
        public BaselineResult run(DiscreteData data, boolean useKnownOrder) {
            return TetradAdapter.run(this, data, useKnownOrder);
        }
    }

    /**
     * FGES (Ramsey et al.) with the BDeu score; one thread, Tetrad's defaults otherwise.
     *
     * @param samplePrior    BDeu equivalent sample size, {@code > 0}
     * @param structurePrior BDeu structure prior (expected number of parents), {@code >= 0}
     */
    record Fges(double samplePrior, double structurePrior) implements Baseline {

        public Fges {
            checkBdeu(samplePrior, structurePrior);
        }

        @Override
        public String name() {
            return "FGES(BDeu, samplePrior=" + samplePrior + ", structurePrior=" + structurePrior + ")";
        }

        @Override
        public BaselineResult run(DiscreteData data, boolean useKnownOrder) {
            return TetradAdapter.run(this, data, useKnownOrder);
        }
    }

    /**
     * BOSS (best order score search, Andrews et al.) with the BDeu score through Tetrad's
     * {@code PermutationSearch}; one thread, a fixed seed for its random restarts, Tetrad's defaults
     * otherwise (one start, no BES step).
     *
     * @param samplePrior    BDeu equivalent sample size, {@code > 0}
     * @param structurePrior BDeu structure prior, {@code >= 0}
     * @param seed           seed of the permutation search
     */
    record Boss(double samplePrior, double structurePrior, long seed) implements Baseline {

        public Boss {
            checkBdeu(samplePrior, structurePrior);
        }

        @Override
        public String name() {
            return "BOSS(BDeu, samplePrior=" + samplePrior + ", structurePrior=" + structurePrior + ")";
        }

        @Override
        public BaselineResult run(DiscreteData data, boolean useKnownOrder) {
            return TetradAdapter.run(this, data, useKnownOrder);
        }
    }

    private static void checkBdeu(double samplePrior, double structurePrior) {
        if (!(samplePrior > 0) || Double.isInfinite(samplePrior)) {
            throw new IllegalArgumentException("BDeu sample prior must be positive and finite, got " + samplePrior);
        }
        if (!(structurePrior >= 0) || Double.isInfinite(structurePrior)) {
            throw new IllegalArgumentException("BDeu structure prior must be non-negative and finite, got "
                    + structurePrior);
        }
    }
}
