package org.causalheads.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.causalheads.kgmi.GraphType;
import org.causalheads.kgmi.Problem;
import picocli.CommandLine.Option;

/** Options that define a problem: a spec file, or generator parameters. */
public final class ProblemOptions {

    @Option(names = "--spec", description = "JSON problem spec; overrides the generator options")
    Path spec;

    @Option(names = "--T", defaultValue = "20", description = "positions (default ${DEFAULT-VALUE})")
    int length;

    @Option(names = "--S", defaultValue = "5", description = "alphabet size (default ${DEFAULT-VALUE})")
    int states;

    @Option(names = "--K", defaultValue = "2", description = "parents per node = heads (default ${DEFAULT-VALUE})")
    int parents;

    @Option(names = "--gamma", defaultValue = "1.0", description = "kernel strength in [0,1] (default ${DEFAULT-VALUE})")
    double gamma;

    @Option(names = "--concentration", defaultValue = "1.0", description = "Gamma concentration of base kernels (default ${DEFAULT-VALUE})")
    double concentration;

    @Option(names = "--lambda", split = ",", description = "mixture weights (default equal)")
    double[] lambda;

    @Option(names = "--extra-roots", defaultValue = "0", description = "extra roots (default ${DEFAULT-VALUE})")
    int extraRoots;

    @Option(names = "--graph", defaultValue = "RANDOM", description = "RANDOM, BANDED or CHAIN (default ${DEFAULT-VALUE})")
    GraphType graph;

    @Option(names = "--window", defaultValue = "4", description = "window of BANDED graphs (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--seed", defaultValue = "1", description = "problem seed (default ${DEFAULT-VALUE})")
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

    Problem build() throws IOException {
        return spec != null ? Problem.readSpec(spec) : build(length, gamma, seed);
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
