package org.causalheads.kgmi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.causalheads.attention.AscentResult;
import org.causalheads.attention.AscentConfig;
import org.causalheads.attention.AttentionAscent;
import org.causalheads.dag.Metrics;
import org.causalheads.dag.Scores;
import org.causalheads.info.FDivergence;
import org.causalheads.info.InfoTables;
import org.causalheads.info.KgForm;
import org.causalheads.info.Objective;
import org.causalheads.markov.Samples;

/**
 * One experiment, read like the data flow: problem → (samples) → value tables → gradient ascent
 * → readout → scores. Immutable; each setter returns a new experiment.
 *
 * <pre>{@code
 * ExperimentResult r = Experiment.on(problem).divergence(FDivergence.KL).samples(100_000).run();
 * r.stopEpoch(); r.delta(); r.epsilon(); r.scores().f1();
 * }</pre>
 * Defaults: KL, variational form, KG-MI objective, population values (no sampling), sample seed
 * 11, {@link AscentConfig#defaults()}.
 */
public final class Experiment {

    /** Default seed of the sampled sequences. */
    public static final long DEFAULT_SAMPLE_SEED = 11L;

    private final Problem problem;
    private final FDivergence f;
    private final KgForm form;
    private final Objective objective;
    private final OptionalInt n;
    private final long sampleSeed;
    private final double smoothing;
    private final AscentConfig config;

    private Experiment(Problem problem, FDivergence f, KgForm form, Objective objective, OptionalInt n,
                       long sampleSeed, double smoothing, AscentConfig config) {
        this.problem = problem;
        this.f = f;
        this.form = form;
        this.objective = objective;
        this.n = n;
        this.sampleSeed = sampleSeed;
        this.smoothing = smoothing;
        this.config = config;
    }

    /** An experiment on {@code problem} with the defaults. */
    public static Experiment on(Problem problem) {
        return new Experiment(problem, FDivergence.KL, KgForm.VARIATIONAL, Objective.KG_MI, OptionalInt.empty(),
                DEFAULT_SAMPLE_SEED, org.causalheads.info.JointTable.DEFAULT_SMOOTHING, AscentConfig.defaults());
    }

    public Experiment divergence(FDivergence d) {
        return new Experiment(problem, d, form, objective, n, sampleSeed, smoothing, config);
    }

    public Experiment form(KgForm k) {
        return new Experiment(problem, f, k, objective, n, sampleSeed, smoothing, config);
    }

    public Experiment objective(Objective o) {
        return new Experiment(problem, f, form, o, n, sampleSeed, smoothing, config);
    }

    /**
     * Estimate the values from {@code count} sampled sequences.
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public Experiment samples(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("n = " + count + " sequences; expected n >= 1 (use population() for exact values)");
        }
        return new Experiment(problem, f, form, objective, OptionalInt.of(count), sampleSeed, smoothing, config);
    }

    /** Use exact population values (the default). */
    public Experiment population() {
        return new Experiment(problem, f, form, objective, OptionalInt.empty(), sampleSeed, smoothing, config);
    }

    public Experiment sampleSeed(long seed) {
        return new Experiment(problem, f, form, objective, n, seed, smoothing, config);
    }

    /** Additive smoothing of the pair counts. */
    public Experiment smoothing(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("smoothing alpha = " + alpha + "; expected a positive finite number");
        }
        return new Experiment(problem, f, form, objective, n, sampleSeed, alpha, config);
    }

    public Experiment train(AscentConfig c) {
        return new Experiment(problem, f, form, objective, n, sampleSeed, smoothing, c);
    }

    /** Shortcut for {@code train(config.withEta(eta))}. */
    public Experiment eta(double eta) {
        return train(config.withEta(eta));
    }

    /** Shortcut for {@code train(config.withMaxEpochs(m))}. */
    public Experiment maxEpochs(int m) {
        return train(config.withMaxEpochs(m));
    }

    public Problem problem() {
        return problem;
    }

    /** Population value tables of this experiment's f and form. */
    public InfoTables populationTables() {
        return problem.tables(f, form);
    }

    /** The tables training would use: population, or estimated from the configured samples. */
    public InfoTables tables() {
        if (n.isEmpty()) {
            return populationTables();
        }
        Samples x = problem.sample(n.getAsInt(), sampleSeed);
        return InfoTables.of(org.causalheads.info.JointTable.empirical(
                org.causalheads.info.PairCounts.of(x), smoothing), problem.process().slotKernels(), f, form);
    }

    /** Runs it. */
    public ExperimentResult run() {
        long t0 = System.nanoTime();
        InfoTables pop = populationTables();
        InfoTables used = n.isEmpty() ? pop : tables();
        AscentResult r = new AttentionAscent(config).train(used, objective, problem.dag());
        double secs = (System.nanoTime() - t0) / 1e9;
        OptionalDouble eps = n.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(used.estimationError(pop, objective));
        Scores sc = Metrics.score(problem.dag(), r.estimate(), r.picks());
        return new ExperimentResult(r.stopEpoch(), r.epochsRun(), pop.gap(problem.dag(), objective), eps,
                problem.dag(), r.estimate(), sc, r, used, secs, provenance());
    }

    /** The provenance a result of this experiment carries. */
    public Provenance provenance() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("f", f.name());
        m.put("form", form.name());
        m.put("objective", objective.name());
        m.put("n", n.isPresent() ? Integer.toString(n.getAsInt()) : "population");
        if (n.isPresent()) {
            m.put("sampleSeed", Long.toString(sampleSeed));
            m.put("smoothing", Double.toString(smoothing));
        }
        m.put("eta", Double.toString(config.eta()));
        m.put("maxEpochs", Integer.toString(config.maxEpochs()));
        m.put("epsAttn", Double.toString(config.epsAttn()));
        return problem.provenance().with("run", m);
    }
}
