package org.causalheads.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.causalheads.attention.TrainConfig;
import org.causalheads.bn.BayesNet;
import org.causalheads.bn.Bif;
import org.causalheads.bn.Networks;
import org.causalheads.compare.Method;
import org.causalheads.compare.MethodResult;
import org.causalheads.compare.ResultRow;
import org.causalheads.compare.Task;
import org.causalheads.kgmi.Problem;
import org.causalheads.markov.KaryProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sweep methods}: every method of {@link Method#defaults()} (or a chosen subset) × sample
 * sizes × seeds on one kind of problem, one tidy CSV row per run ({@link ResultRow#HEADER}),
 * appended and flushed as each run finishes. Rerunning the same command skips rows whose key
 * (problem, method, n, seed) is already in the file, so an interrupted sweep resumes; a method
 * that fails is a row with its failure text.
 *
 * <pre>
 *   causal-heads sweep methods --problem kparent --T 20 --S 5 --K 2 --ns 100,1000,10000 --seeds 1,2,3
 *   causal-heads sweep methods --problem network --bif asia --ns 1000,10000
 * </pre>
 * Seeds: for {@code kparent} and {@code kary} the problem (graph and kernels) is drawn from the
 * seed and the samples from {@code 1000 + seed}; for {@code network} the seed is the sample seed.
 */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "Tetrad baselines and attention comparators x n x seeds -> tidy CSV (resumable).")
public final class MethodsSweepCommand implements Callable<Integer> {

    /** Kinds of problem. */
    enum Kind { kparent, kary, network }

    @Mixin
    ProblemOptions problem;

    @Option(names = "--problem", defaultValue = "kparent",
            description = "kparent (MTD, known kernels), kary (non-MTD, nominal kernels) or network (default ${DEFAULT-VALUE})")
    Kind kind;

    @Option(names = "--bif", defaultValue = "asia", description = "network: 'asia' (shipped) or a BIF file path (default ${DEFAULT-VALUE})")
    String bif;

    @Option(names = "--kary-alpha", defaultValue = "0.5", description = "Dirichlet concentration of K-ary rows (default ${DEFAULT-VALUE})")
    double karyAlpha;

    @Option(names = "--ns", split = ",", defaultValue = "100,300,1000,3000,10000,30000",
            description = "sample sizes (default ${DEFAULT-VALUE})")
    int[] ns;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "seeds (default ${DEFAULT-VALUE})")
    long[] seeds;

    @Option(names = "--methods", split = ",", description = "method labels (default: all of Method.defaults())")
    List<String> methods;

    @Option(names = "--max-epochs", defaultValue = "1000000", description = "epoch budget of attention methods (default ${DEFAULT-VALUE})")
    int maxEpochs;

    @Option(names = "--out", description = "CSV file (default data/methods_<problem>.csv)")
    Path out;

    @Override
    public Integer call() throws IOException {
        for (int n : ns) {
            if (n < 1) {
                throw new IllegalArgumentException("--ns value n = " + n + "; expected n >= 1");
            }
        }
        List<Method> ms = methods == null ? Method.defaults() : Method.byLabels(methods);
        TrainConfig cfg = TrainConfig.defaults().withMaxEpochs(maxEpochs);
        List<Method> run = new ArrayList<>();
        for (Method m : ms) {
            run.add(m instanceof Method.AttentionMethod a ? a.withConfig(cfg) : m);
        }
        BayesNet net = kind == Kind.network ? network(bif) : null;
        Path file = out != null ? out : Path.of("data", "methods_" + (kind == Kind.network ? net.name() : kind.name()) + ".csv");
        Set<String> existing = ResumableCsv.doneKeys(file, ResultRow.HEADER, ResultRow.KEY_COLUMNS);
        long total = (long) ns.length * seeds.length * run.size();
        int skipped = 0;
        try (BufferedWriter w = ResumableCsv.open(file, ResultRow.HEADER); ProgressBar bar = new ProgressBar("sweep methods", total, System.err)) {
            for (long seed : seeds) {
                for (int n : ns) {
                    Task task = task(net, n, seed);
                    for (Method m : run) {
                        String key = String.join(",", task.name(), m.label(), Integer.toString(n), Long.toString(seed));
                        if (existing.contains(key)) {
                            skipped++;
                            bar.step();
                            continue;
                        }
                        MethodResult r = m.run(task);
                        w.write(ResultRow.of(task, seed, r).csv());
                        w.newLine();
                        w.flush();
                        bar.step();
                    }
                }
            }
        }
        System.err.println("wrote " + file + " (" + (total - skipped) + " new rows, " + skipped + " already present)");
        return 0;
    }

    private Task task(BayesNet net, int n, long seed) {
        return switch (kind) {
            case kparent -> Task.kparent(problem.build(problem.length, problem.gamma, seed), n, 1000 + seed);
            case kary -> {
                Problem p = problem.build(problem.length, problem.gamma, seed);
                KaryProcess k = KaryProcess.random(p.dag(), problem.states, karyAlpha, seed);
                yield Task.kary(k, String.format(java.util.Locale.ROOT, "kary T=%d S=%d K=%d alpha=%s", p.length(), p.states(),
                        p.slots(), karyAlpha), n, 1000 + seed);
            }
            case network -> Task.network(net, n, seed);
        };
    }

    static BayesNet network(String bif) throws IOException {
        if (bif.equalsIgnoreCase("asia")) {
            return Networks.asia();
        }
        Path p = Path.of(bif);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("--bif " + bif + ": no such file; expected 'asia' or a BIF file path");
        }
        return Bif.read(p);
    }
}
