package org.causalheads.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.causalheads.attention.AscentConfig;
import org.causalheads.bn.BayesNet;
import org.causalheads.bn.Bif;
import org.causalheads.bn.Networks;
import org.causalheads.compare.Method;
import org.causalheads.compare.MethodResult;
import org.causalheads.compare.ResultRow;
import org.causalheads.compare.ComparisonTask;
import org.causalheads.kgmi.Problem;
import org.causalheads.markov.KaryProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sweep methods}: every method of {@link Method#defaults()} (or a chosen subset) × sample
 * sizes × seeds on one kind of problem, one tidy CSV row per run ({@link ResultRow#HEADER}),
 * appended and flushed as each run finishes. Rerunning the same command skips rows whose key
 * (problem, settings, method, n, seed) is already in the file, so an interrupted sweep resumes; a
 * method that fails is a row with its failure text.
 *
 * <p>The key identifies everything that changes a row's result, so that sweeps with other options
 * written to the same file never reuse each other's rows: {@code problem} is the task name (for a
 * BIF file, the file name without {@code .bif}, since bnlearn files all declare
 * {@code network unknown}), and {@code settings} lists every other option the results depend on
 * ({@link #settings}): the generator options and {@code --kary-alpha} of generated problems, a
 * SHA-256 prefix of the network's tables for {@code network}, and {@code --max-epochs}.
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

    @Option(names = "--max-epochs", defaultValue = "" + AscentConfig.DEFAULT_MAX_EPOCHS, description = "epoch budget of attention methods (default ${DEFAULT-VALUE})")
    int maxEpochs;

    @Option(names = "--out", description = "CSV file (default data/methods_<kind>.csv, or data/methods_<network>.csv)")
    Path out;

    @Option(names = "--shard", paramLabel = "i/N",
            description = "compute only shard i of N (1-based; row j of the sweep falls to shard j mod N + 1) into "
                    + "<out>.shard-i-of-N.csv; combine the shards with 'merge'")
    String shardSpec;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Checks.allAtLeast("--ns", ns, 1);
        Checks.nonEmpty("--seeds", seeds);
        Checks.atLeast("--max-epochs", maxEpochs, 1);
        if (problem.spec != null) {
            throw Checks.bad("--spec", problem.spec, "not used by sweep methods, which draws a problem from every seed of "
                    + "--seeds; expected the generator options (--T, --S, --K, --gamma, ...) instead");
        }
        if (spec != null && spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
            throw Checks.bad("--seed", problem.seed, "not used by sweep methods, which takes its seeds from --seeds");
        }
        if (methods != null && methods.isEmpty()) {
            throw Checks.bad("--methods", "''", "expected at least one method label");
        }
        int maxN = java.util.Arrays.stream(ns).max().orElse(0);
        if (kind != Kind.network) {
            problem.validate(problem.length, maxN);
            if (kind == Kind.kary) {
                Checks.positive("--kary-alpha", karyAlpha);
            }
        }
        List<Method> ms;
        try {
            ms = methods == null ? Method.defaults() : Method.byLabels(methods);
        } catch (IllegalArgumentException e) {
            throw Checks.bad("--methods", String.join(",", methods), e.getMessage());
        }
        AscentConfig cfg = AscentConfig.defaults().withMaxEpochs(maxEpochs);
        List<Method> run = new ArrayList<>();
        for (Method m : ms) {
            run.add(m instanceof Method.AttentionMethod a ? a.withConfig(cfg)
                    : m instanceof Method.EstimatedAttention e ? e.withConfig(cfg) : m);
        }
        BayesNet net = kind == Kind.network ? network(bif) : null;
        String netName = kind == Kind.network ? networkName(bif) : null;
        String settings = settings(net);
        Path file = out != null ? out : Path.of("data", "methods_" + (kind == Kind.network ? netName : kind.name()) + ".csv");
        if (net != null) {
            long cells = 0;
            for (int i = 0; i < net.size(); i++) {
                cells += (long) net.configurations(i) * net.variable(i).size();
            }
            Checks.fits("--bif " + bif + " --ns " + maxN, 8.0 * cells * 4 + 8.0 * maxN * net.size()
                    + Checks.kgmiBytes(net.size(), java.util.Arrays.stream(net.stateCounts()).max().orElse(2), 1, 0));
        }
        // the rows in the order an unsharded run writes them: seeds, then n, then methods
        Shard shard = Shard.parse(shardSpec);
        List<String> keys = new ArrayList<>();
        for (long seed : seeds) {
            String name = task(net, netName, 1, seed).name();
            for (int n : ns) {
                for (Method m : run) {
                    keys.add(ResultRow.key(name, settings, m.label(), n, seed));
                }
            }
        }
        ShardPlan.requireDistinct(keys, "--seeds --ns --methods");
        Path written = shard == null ? file : shard.file(file);
        if (shard != null) {
            Checks.writable("--out", written);
            new ShardPlan("sweep methods", shard, String.join(",", ResultRow.HEADER), ResultRow.KEY_COLUMNS, "millis", keys)
                    .writeBeside(written);
        }
        long total = java.util.stream.IntStream.range(0, keys.size()).filter(j -> shard == null || shard.owns(j)).count();
        int skipped = 0;
        try (ResumableCsv w = ResumableCsv.open("--out", written, ResultRow.HEADER, ResultRow.KEY_COLUMNS, System.err);
             ProgressBar bar = new ProgressBar(shard == null ? "sweep methods" : "sweep methods " + shard.label(), total,
                     System.err)) {
            Set<String> existing = w.doneKeys();
            int j = 0;
            for (long seed : seeds) {
                for (int n : ns) {
                    ComparisonTask task = null; // drawn only if one of its rows is computed here
                    for (Method m : run) {
                        int row = j++;
                        if (shard != null && !shard.owns(row)) {
                            continue;
                        }
                        String key = keys.get(row);
                        if (existing.contains(key)) {
                            skipped++;
                            bar.step();
                            continue;
                        }
                        if (task == null) {
                            task = task(net, netName, n, seed);
                        }
                        MethodResult r = m.run(task);
                        ResultRow result = ResultRow.of(task, settings, seed, r);
                        if (!result.key().equals(key)) {
                            throw new IllegalStateException("row key " + result.key() + " differs from the planned " + key);
                        }
                        w.appendLine(result.csv());
                        bar.step();
                    }
                }
            }
        }
        System.err.println("wrote " + written + " (" + (total - skipped) + " new rows, " + skipped + " already present; settings: "
                + settings + ")");
        return 0;
    }

    /**
     * Every option besides the task name, n and seed that changes a row's result, as canonical
     * {@code key=value} pairs: for {@code kparent} and {@code kary} the generator options
     * ({@link ProblemOptions#generatorSettings}; {@code kary} adds its Dirichlet concentration),
     * for {@code network} the first 12 hex digits of the SHA-256 of the network written as BIF
     * (names, states and tables, independent of the file's layout); always the epoch budget.
     */
    String settings(BayesNet net) {
        String budget = "max-epochs=" + maxEpochs;
        return switch (kind) {
            case kparent -> problem.generatorSettings(problem.length, problem.gamma) + " " + budget;
            case kary -> problem.generatorSettings(problem.length, problem.gamma) + " kary-alpha=" + karyAlpha + " " + budget;
            case network -> "net-sha256=" + sha256(Bif.write(net)).substring(0, 12) + " " + budget;
        };
    }

    /** The problem name of a network: {@code asia} for the shipped one, else the file name without its extension. */
    static String networkName(String bif) {
        if (bif.equalsIgnoreCase("asia")) {
            return "asia";
        }
        Path name = Path.of(bif).getFileName();
        String s = name == null ? bif : name.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private ComparisonTask task(BayesNet net, String netName, int n, long seed) {
        return switch (kind) {
            case kparent -> ComparisonTask.kparent(problem.build(problem.length, problem.gamma, seed), n, 1000 + seed);
            case kary -> {
                Problem p = problem.build(problem.length, problem.gamma, seed);
                KaryProcess k = KaryProcess.random(p.dag(), problem.states, karyAlpha, seed);
                yield ComparisonTask.kary(k, String.format(java.util.Locale.ROOT, "kary T=%d S=%d K=%d alpha=%s", p.length(), p.states(),
                        p.slots(), karyAlpha), n, 1000 + seed);
            }
            case network -> ComparisonTask.network(net, n, seed).withName(netName);
        };
    }

    static BayesNet network(String bif) throws IOException {
        if (bif.equalsIgnoreCase("asia")) {
            return Networks.asia();
        }
        Path p = Path.of(bif);
        if (!Files.isRegularFile(p)) {
            throw Checks.bad("--bif", bif, "no such file; expected 'asia' or a BIF file path");
        }
        String text = Checks.readText("--bif", p);
        try {
            return Bif.read(text);
        } catch (IllegalArgumentException e) {
            throw Checks.bad("--bif", bif, e.getMessage());
        }
    }
}
