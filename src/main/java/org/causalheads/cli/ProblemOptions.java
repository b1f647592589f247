package org.causalheads.cli;

import java.nio.file.Path;
import org.causalheads.kgmi.GraphType;
import org.causalheads.kgmi.Problem;
import picocli.CommandLine.Option;

/** Options that define a problem: a spec file, or generator parameters. */
public final class ProblemOptions {

    @Option(names = "--spec", description = "JSON problem spec; overrides the generator options")
    Path spec;

    @Option(names = {"--T", "-T"}, defaultValue = "" + Problem.DEFAULT_LENGTH, description = "positions (default ${DEFAULT-VALUE})")
    int length;

    @Option(names = {"--S", "-S"}, defaultValue = "" + Problem.DEFAULT_STATES, description = "alphabet size (default ${DEFAULT-VALUE})")
    int states;

    @Option(names = {"--K", "-K"}, defaultValue = "" + Problem.DEFAULT_PARENTS, description = "parents per node = heads (default ${DEFAULT-VALUE})")
    int parents;

    @Option(names = "--gamma", defaultValue = "" + Problem.DEFAULT_STRENGTH, description = "kernel strength in [0,1] (default ${DEFAULT-VALUE})")
    double gamma;

    @Option(names = "--concentration", defaultValue = "" + Problem.DEFAULT_CONCENTRATION, description = "Gamma concentration of base kernels (default ${DEFAULT-VALUE})")
    double concentration;

    @Option(names = "--lambda", split = ",", description = "mixture weights (default equal)")
    double[] lambda;

    @Option(names = "--extra-roots", defaultValue = "" + Problem.DEFAULT_EXTRA_ROOTS, description = "extra roots (default ${DEFAULT-VALUE})")
    int extraRoots;

    @Option(names = "--graph", defaultValue = "RANDOM", description = "RANDOM, BANDED or CHAIN (default ${DEFAULT-VALUE})")
    GraphType graph;

    @Option(names = "--window", defaultValue = "" + Problem.DEFAULT_WINDOW, description = "window of BANDED graphs (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--seed", defaultValue = "" + Problem.DEFAULT_SEED, description = "problem seed (default ${DEFAULT-VALUE})")
    long seed;

    /**
     * The generator options with length {@code t} and strength {@code g} as canonical
     * {@code key=value} pairs separated by spaces (every option {@link #build(int, double, long)}
     * reads except the seed), for the settings cell of a sweep row. Numbers are written by {@link Double#toString}, so
     * {@code 0.80} and {@code 0.8} give the same text.
     */
    String generatorSettings(int t, double g) {
        String lam = lambda == null ? "equal" : java.util.Arrays.stream(lambda).mapToObj(Double::toString)
                .collect(java.util.stream.Collectors.joining("/"));
        return "T=" + t + " S=" + states + " K=" + parents + " gamma=" + g + " concentration=" + concentration + " lambda=" + lam
                + " extra-roots=" + extraRoots + " graph=" + graph + " window=" + window;
    }

    /** Largest T accepted before the memory estimate (the DAG generators index positions by int). */
    static final int MAX_LENGTH = 1 << 20;

    /**
     * Checks the generator options (each named with its value on failure) and that a problem of
     * length {@code t} with {@code n} samples fits in the heap ({@link Checks#kgmiBytes}).
     */
    void validate(int t, long n) {
        Checks.between("--T", t, 2, MAX_LENGTH);
        Checks.between("--S", states, 2, 127);
        Checks.atLeast("--K", parents, 1);
        if (parents >= t) {
            throw Checks.bad("--K", parents, "expected K < T = " + t + " (every non-root position needs K earlier positions)");
        }
        Checks.unit("--gamma", gamma);
        Checks.positive("--concentration", concentration);
        Checks.atLeast("--extra-roots", extraRoots, 0);
        Checks.atLeast("--window", window, 1);
        if (lambda != null) {
            if (lambda.length != parents) {
                throw Checks.bad("--lambda", lambda, "expected K = " + parents + " weights");
            }
            for (double w : lambda) {
                Checks.positive("--lambda", w);
            }
        }
        Checks.fits("--T " + t + " --S " + states + " --K " + parents + (n > 0 ? " --n " + n : ""),
                Checks.kgmiBytes(t, states, parents, n));
    }

    /**
     * The problem of the options: the spec file if given (read as UTF-8 text), else generated;
     * checked to fit in the heap with {@code n} samples (0: population values).
     */
    Problem build(long n) {
        if (spec != null) {
            String text = Checks.readText("--spec", spec);
            Problem p;
            try {
                p = org.causalheads.kgmi.ProblemSpec.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--spec: " + spec + ": " + e.getMessage());
            }
            Checks.fits("--spec " + spec, Checks.kgmiBytes(p.length(), p.states(), p.slots(), n));
            return p;
        }
        validate(length, n);
        return build(length, gamma, seed);
    }

    Problem build(int t, double g, long s) {
        Problem.Builder b = Problem.builder().length(t).states(states).parents(parents).strength(g)
                .concentration(concentration).extraRoots(extraRoots).graph(graph).window(window).seed(s);
        if (lambda != null) {
            b.lambda(lambda);
        }
        return b.build();
    }
}
