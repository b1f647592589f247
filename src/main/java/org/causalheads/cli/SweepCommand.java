package org.causalheads.cli;

import java.io.BufferedWriter;
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
import picocli.CommandLine.Option;

/**
 * {@code sweep}: a grid over T, γ, f, form, n, objective and seeds, one tidy CSV row per run,
 * appended (and flushed) as each run finishes. Rerunning the same command skips rows whose key
 * columns are already in the file, so an interrupted sweep resumes where it stopped.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, subcommands = MethodsSweepCommand.class,
        description = "Grid of KG-MI experiments -> tidy CSV (resumable: existing rows are skipped).")
public final class SweepCommand implements Callable<Integer> {

    static final List<String> KEY = List.of("T", "S", "K", "gamma", "f", "form", "objective", "n", "seed");
    static final List<String> HEADER = List.of("T", "S", "K", "gamma", "f", "form", "objective", "n", "seed",
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

    @Option(names = "--sample-seed", defaultValue = "11", description = "seed of the samples (default ${DEFAULT-VALUE})")
    long sampleSeed;

    @Option(names = "--max-epochs", defaultValue = "1000000", description = "epoch budget (default ${DEFAULT-VALUE})")
    int maxEpochs;

    @Option(names = "--out", defaultValue = "data/kgmi_sweep.csv", description = "CSV file (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (problem.spec != null) {
            throw new IllegalArgumentException("--spec fixes T and gamma; a sweep generates its problems (drop --spec)");
        }
        List<Integer> nVals = new ArrayList<>();
        for (String s : ns) {
            nVals.add(parseN(s));
        }
        Set<String> existing = ResumableCsv.doneKeys(out, HEADER, KEY.size());
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
        AscentConfig cfg = AscentConfig.defaults().withMaxEpochs(maxEpochs);
        int skipped = 0;
        try (BufferedWriter w = ResumableCsv.open(out, HEADER); ProgressBar bar = new ProgressBar("sweep", grid.size(), System.err)) {
            for (Object[] c : grid) {
                int t = (Integer) c[0];
                double g = (Double) c[1];
                long seed = (Long) c[2];
                FDivergence f = (FDivergence) c[3];
                KgForm form = (KgForm) c[4];
                Objective o = (Objective) c[5];
                int n = (Integer) c[6];
                List<String> key = List.of(Integer.toString(t), Integer.toString(problem.states), Integer.toString(problem.parents),
                        Double.toString(g), f.name(), form.name(), o.name(), n == 0 ? "pop" : Integer.toString(n), Long.toString(seed));
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
                w.write(String.join(",", row));
                w.newLine();
                w.flush();
                bar.step();
            }
        }
        System.err.println("wrote " + out + " (" + (grid.size() - skipped) + " new rows, " + skipped + " already present)");
        return 0;
    }

    private static int parseN(String s) {
        if (s.equalsIgnoreCase("pop")) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(s.trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--ns value '" + s + "'; expected 'pop' or a positive integer");
        }
        if (n < 1) {
            throw new IllegalArgumentException("--ns value n = " + n + "; expected 'pop' or n >= 1");
        }
        return n;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
