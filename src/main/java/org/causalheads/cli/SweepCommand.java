package org.causalheads.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.causalheads.attention.AscentConfig;
import org.causalheads.info.FDivergence;
import org.causalheads.info.KgForm;
import org.causalheads.info.Objective;
import org.causalheads.kgmi.Experiment;
import org.causalheads.kgmi.Problem;
import org.causalheads.kgmi.ExperimentResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sweep}: a grid over T, γ, f, form, n, objective and seeds, one tidy CSV row per run,
 * appended (and flushed) as each run finishes. Rerunning the same command skips rows whose key
 * columns are already in the file, so an interrupted sweep resumes where it stopped. The key ends
 * with a {@code settings} column holding every other option a row depends on (the generator
 * options of {@link ProblemOptions#generatorSettings}, {@code --sample-seed} and
 * {@code --max-epochs}), so a sweep with other options adds its own rows instead of reusing
 * these; see {@link ResumableCsv} for damaged files and the lock against a second writer.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, subcommands = MethodsSweepCommand.class,
        description = "Grid of KG-MI experiments -> tidy CSV (resumable: existing rows are skipped).")
public final class SweepCommand implements Callable<Integer> {

    static final List<String> KEY = List.of("T", "S", "K", "gamma", "f", "form", "objective", "n", "seed", "settings");
    static final List<String> HEADER = List.of("T", "S", "K", "gamma", "f", "form", "objective", "n", "seed", "settings",
            "stop_epoch", "stopped", "epochs_run", "delta", "nonpositive_gap_slots", "epsilon",
            "f1", "shd", "head_collapse", "seconds");

    @Mixin
    ProblemOptions problem;

    @Option(names = "--Ts", split = ",", defaultValue = "8,12,16", description = "T values (default ${DEFAULT-VALUE})")
    int[] ts;

    @Option(names = "--gammas", split = ",", defaultValue = "0.6,0.8,1.0", description = "strengths (default ${DEFAULT-VALUE})")
    double[] gammas;

    @Option(names = "--fs", split = ",", defaultValue = "KL", description = "f-divergences (default ${DEFAULT-VALUE})")
    FDivergence[] fs;

    @Option(names = "--forms", split = ",", defaultValue = "VARIATIONAL", description = "KG-MI forms (default ${DEFAULT-VALUE})")
    KgForm[] forms;

    @Option(names = "--objectives", split = ",", defaultValue = "KG_MI", description = "objectives (default ${DEFAULT-VALUE})")
    Objective[] objectives;

    @Option(names = "--ns", split = ",", defaultValue = "pop",
            description = "sample sizes; 'pop' = exact population values (default ${DEFAULT-VALUE})")
    String[] ns;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "problem seeds (default ${DEFAULT-VALUE})")
    long[] seeds;

    @Option(names = "--sample-seed", defaultValue = "" + Experiment.DEFAULT_SAMPLE_SEED, description = "seed of the samples (default ${DEFAULT-VALUE})")
    long sampleSeed;

    @Option(names = "--max-epochs", defaultValue = "" + AscentConfig.DEFAULT_MAX_EPOCHS, description = "epoch budget (default ${DEFAULT-VALUE})")
    int maxEpochs;

    @Option(names = "--out", defaultValue = "data/kgmi_sweep.csv", description = "CSV file (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--shard", paramLabel = "i/N",
            description = "compute only shard i of N (1-based; row j of the grid falls to shard j mod N + 1) into "
                    + "<out>.shard-i-of-N.csv; combine the shards with 'merge'")
    String shardSpec;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (spec != null) {
            var parsed = spec.commandLine().getParseResult();
            for (String[] unused : new String[][] {{"--T", "--Ts"}, {"--gamma", "--gammas"}, {"--seed", "--seeds"}}) {
                if (parsed.hasMatchedOption(unused[0])) {
                    throw Checks.bad(unused[0], parsed.matchedOptionValue(unused[0], (Object) null),
                            "not used by sweep, which takes its values from " + unused[1]);
                }
            }
        }
        if (problem.spec != null) {
            throw Checks.bad("--spec", problem.spec, "not used by sweep, which generates its problems from --Ts and --gammas (drop --spec)");
        }
        List<Integer> nVals = new ArrayList<>();
        for (String s : ns) {
            nVals.add(parseN(s));
        }
        Checks.allAtLeast("--Ts", ts, 2);
        if (gammas.length == 0) {
            throw Checks.bad("--gammas", "''", "expected at least one value");
        }
        for (double g : gammas) {
            Checks.unit("--gammas", g);
        }
        Checks.nonEmpty("--fs", fs);
        Checks.nonEmpty("--forms", forms);
        Checks.nonEmpty("--objectives", objectives);
        Checks.nonEmpty("--seeds", seeds);
        Checks.atLeast("--max-epochs", maxEpochs, 1);
        int maxN = nVals.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int t : ts) {
            problem.validate(t, maxN);
        }
        List<Object[]> grid = new ArrayList<>();
        for (int t : ts) {
            for (double g : gammas) {
                for (long seed : seeds) {
                    for (FDivergence f : fs) {
                        for (KgForm form : forms) {
                            for (Objective o : objectives) {
                                for (int n : nVals) {
                                    grid.add(new Object[] {t, g, seed, f, form, o, n});
                                }
                            }
                        }
                    }
                }
            }
        }
        Shard shard = Shard.parse(shardSpec);
        List<String> keys = new ArrayList<>();
        for (Object[] c : grid) {
            keys.add(String.join(",", key(c)));
        }
        ShardPlan.requireDistinct(keys, "--Ts --gammas --seeds --fs --forms --objectives --ns");
        Path file = shard == null ? out : shard.file(out);
        if (shard != null) {
            Checks.writable("--out", file);
            new ShardPlan("sweep", shard, String.join(",", HEADER), KEY.size(), "seconds", keys).writeBeside(file);
        }
        long mine = java.util.stream.IntStream.range(0, grid.size()).filter(j -> shard == null || shard.owns(j)).count();
        AscentConfig cfg = AscentConfig.defaults().withMaxEpochs(maxEpochs);
        int skipped = 0;
        try (ResumableCsv w = ResumableCsv.open("--out", file, HEADER, KEY.size(), System.err);
             ProgressBar bar = new ProgressBar(shard == null ? "sweep" : "sweep " + shard.label(), mine, System.err)) {
            Set<String> existing = w.doneKeys();
            for (int j = 0; j < grid.size(); j++) {
                if (shard != null && !shard.owns(j)) {
                    continue;
                }
                Object[] c = grid.get(j);
                int t = (Integer) c[0];
                double g = (Double) c[1];
                long seed = (Long) c[2];
                FDivergence f = (FDivergence) c[3];
                KgForm form = (KgForm) c[4];
                Objective o = (Objective) c[5];
                int n = (Integer) c[6];
                List<String> key = key(c);
                if (existing.contains(String.join(",", key))) {
                    skipped++;
                    bar.step();
                    continue;
                }
                Problem p = problem.build(t, g, seed);
                Experiment e = Experiment.on(p).divergence(f).form(form).objective(o).sampleSeed(sampleSeed).train(cfg);
                if (n > 0) {
                    e = e.samples(n);
                }
                ExperimentResult r = e.run();
                List<String> row = new ArrayList<>(key);
                row.add(r.stopEpoch().isPresent() ? Integer.toString(r.stopEpoch().getAsInt()) : "");
                row.add(Boolean.toString(r.stopEpoch().isPresent()));
                row.add(Integer.toString(r.epochsRun()));
                row.add(num(r.delta()));
                row.add(Integer.toString(r.gap().nonPositiveSlots()));
                row.add(r.epsilon().isPresent() ? num(r.epsilon().getAsDouble()) : "");
                row.add(num(r.scores().f1()));
                row.add(Integer.toString(r.scores().shd()));
                row.add(num(r.scores().headCollapseRate()));
                row.add(String.format(Locale.ROOT, "%.3f", r.seconds()));
                w.append(row);
                bar.step();
            }
        }
        System.err.println("wrote " + file + " (" + (mine - skipped) + " new rows, " + skipped + " already present"
                + (shard == null ? "" : "; shard " + shard.label() + " of " + grid.size() + " rows") + ")");
        return 0;
    }

    /** The key columns of grid point {@code c} = {T, γ, seed, f, form, objective, n}. */
    private List<String> key(Object[] c) {
        int t = (Integer) c[0];
        double g = (Double) c[1];
        int n = (Integer) c[6];
        return List.of(Integer.toString(t), Integer.toString(problem.states), Integer.toString(problem.parents),
                Double.toString(g), ((FDivergence) c[3]).name(), ((KgForm) c[4]).name(), ((Objective) c[5]).name(),
                n == 0 ? "pop" : Integer.toString(n), Long.toString((Long) c[2]), settings(t, g));
    }

    /**
     * Every option besides the key's own columns that changes a row's result, as canonical
     * {@code key=value} pairs: the generator options, the sample seed and the epoch budget.
     */
    String settings(int t, double g) {
        return problem.generatorSettings(t, g) + " sample-seed=" + sampleSeed + " max-epochs=" + maxEpochs;
    }

    private static int parseN(String s) {
        if (s.equalsIgnoreCase("pop")) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(s.trim());
        } catch (NumberFormatException ex) {
            throw Checks.bad("--ns", s, "expected 'pop' or a positive integer");
        }
        if (n < 1) {
            throw Checks.bad("--ns", n, "expected 'pop' or a positive integer");
        }
        return n;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
