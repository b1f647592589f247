package org.causalheads.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.causalheads.amortised.AmortisedModel;
import org.causalheads.amortised.AmortisedTrainer;
import org.causalheads.amortised.Domains;
import org.causalheads.amortised.ZeroShotBenchmark;
import org.causalheads.amortised.ZeroShotMethod;
import org.causalheads.amortised.ZeroShotRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code amortised}: the train-then-zero-shot benchmark of {@link ZeroShotBenchmark} as a tidy,
 * resumable CSV ({@link ZeroShotRow#HEADER}). For every multi-domain setting and family seed it
 * trains one amortised model on the family's training domains (no graphs), then writes one row
 * per sample size, held-out domain and method (the amortised model, NOTEARS per domain, the empty
 * graph, sort-by-variance, and Tetrad's PC with Fisher Z, FGES and BOSS with SEM BIC per domain),
 * appended and flushed as each finishes. The model is trained only when a row of it is still
 * missing, so adding methods to a finished file computes just their rows.
 *
 * <p>A row's key ends with a {@code settings} column holding every other option its result
 * depends on ({@link ZeroShotBenchmark#settings(ZeroShotMethod)}: Tetrad's methods add their fixed
 * settings, the others' keys are as before), so a run with other options adds its own rows
 * instead of reusing these. A file written before the skeleton and failure columns is first
 * rewritten under the current header ({@link ZeroShotRow#upgrade}), its rows unchanged.
 * Rerunning the same command skips the rows already written; see {@link ResumableCsv} for
 * damaged files and the lock; adding a method or a sample size to an
 * existing file computes only the new rows. With {@code --shard i/N} only the rows
 * falling to shard {@code i} are computed (a shard trains the models its rows need; training is
 * seeded, so every shard trains the same model) and {@code merge} combines the shards.
 *
 * <p>{@code --cap METHOD=K} runs a costly method only on the first {@code K} held-out domains of
 * every {@code n} (the other methods still run on all {@code --test-domains}); paired
 * comparisons then use the domains both methods have. A cap of 0 leaves the method out.
 *
 * <p>Time and memory: beside the CSV the command appends one line per (setting, seed) it
 * worked on to {@code <out>.runs.csv} ({@link RunFootprint#HEADER}): the training's wall-clock
 * seconds (0 if no amortised row was needed), the rows written and their total seconds, the
 * peak heap in use during that family's work (all heap pools, reset when the family starts)
 * and the process's peak resident set ({@code VmHWM} of {@code /proc/self/status}, reset at
 * the family's start where Linux allows it).
 *
 * <pre>
 *   causal-heads amortised --d 10                       # settings a (seed 3), b (seed 4), c (seed 5), raw data
 *   causal-heads amortised --d 10 --standardise         # the same on standardised data
 *   causal-heads amortised --d 50 --test-domains 8 --cap NOTEARS=1 --steps 600 --batch 16
 * </pre>
 */
@Command(name = "amortised", mixinStandardHelpOptions = true,
        description = "Train an amortised model across domains, then zero-shot against NOTEARS, the empty graph, "
                + "sort-by-variance and Tetrad's PC, FGES and BOSS on held-out domains -> tidy CSV (resumable), "
                + "with time and memory in <out>.runs.csv.")
public final class AmortisedCommand implements Callable<Integer> {

    @Option(names = "--d", defaultValue = "" + ZeroShotBenchmark.DEFAULT_D, description = "variables (default ${DEFAULT-VALUE})")
    int d;

    @Option(names = "--settings", split = ",", defaultValue = "a,b,c",
            description = "a: one DAG shared by all domains; b: a new DAG per domain over one order; "
                    + "c: a new DAG and a new order per domain (default ${DEFAULT-VALUE})")
    List<String> settings;

    @Option(names = "--seeds", split = ",",
            description = "family seeds, each run in every setting (default: " + ZeroShotBenchmark.DEFAULT_SEED_SHARED_DAG
                    + " for a, " + ZeroShotBenchmark.DEFAULT_SEED_SHARED_ORDER + " for b, "
                    + ZeroShotBenchmark.DEFAULT_SEED_UNRELATED_ORDERS + " for c)")
    long[] seeds;

    @Option(names = "--ns", split = ",", description = "held-out sample sizes (default: ceil(d/2), d, 2d, 5d, 10d; n < d is allowed)")
    int[] ns;

    @Option(names = "--test-domains", defaultValue = "" + ZeroShotBenchmark.DEFAULT_TEST_DOMAINS,
            description = "held-out domains per sample size (default ${DEFAULT-VALUE})")
    int testDomains;

    @Option(names = "--train-domains", defaultValue = "" + ZeroShotBenchmark.DEFAULT_TRAIN_DOMAINS,
            description = "training domains (default ${DEFAULT-VALUE})")
    int trainDomains;

    @Option(names = "--train-n", description = "samples per training domain (default: "
            + ZeroShotBenchmark.DEFAULT_TRAIN_SAMPLES_PER_D + "d)")
    Integer trainN;

    @Option(names = "--er-k", defaultValue = "" + ZeroShotBenchmark.DEFAULT_EDGES_PER_NODE,
            description = "expected edges per variable, ER-k (default ${DEFAULT-VALUE})")
    double erK;

    @Option(names = "--sigma", defaultValue = "" + ZeroShotBenchmark.DEFAULT_SIGMA,
            description = "noise standard deviation (default ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--steps", defaultValue = "" + AmortisedTrainer.Config.DEFAULT_STEPS,
            description = "Adam steps of training (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--batch", defaultValue = "" + AmortisedTrainer.Config.DEFAULT_BATCH_SIZE,
            description = "training domains per Adam step (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--cap", paramLabel = "METHOD=K",
            description = "run METHOD only on the first K held-out domains of every n (repeatable, e.g. --cap NOTEARS=2)")
    java.util.Map<String, Integer> caps;

    @Option(names = "--train-seed", defaultValue = "" + AmortisedTrainer.Config.DEFAULT_SEED,
            description = "seed of the model's initial parameters and minibatches (default ${DEFAULT-VALUE})")
    long trainSeed;

    @Option(names = "--passes", defaultValue = "" + AmortisedModel.Shape.DEFAULT_PASSES,
            description = "gate passes of the model, 1 or 2 (default ${DEFAULT-VALUE})")
    int passes;

    @Option(names = "--notears-max-inner", defaultValue = "" + ZeroShotBenchmark.DEFAULT_NOTEARS_MAX_INNER,
            description = "NOTEARS: proximal-gradient steps per subproblem (default ${DEFAULT-VALUE})")
    int notearsMaxInner;

    @Option(names = "--notears-inner-tol", defaultValue = "" + ZeroShotBenchmark.DEFAULT_NOTEARS_INNER_TOL,
            description = "NOTEARS: subproblem tolerance (default ${DEFAULT-VALUE})")
    double notearsInnerTol;

    @Option(names = "--standardise", description = "scale every column of every training and test sample to unit variance")
    boolean standardise;

    @Option(names = "--methods", split = ",", description = "methods (default: all of amortised, NOTEARS, empty graph, "
            + "sort by variance, PC, FGES, BOSS)")
    List<String> methods;

    @Option(names = "--out", description = "CSV file (default data/amortised_d<d>.csv, or data/amortised_d<d>_standardised.csv)")
    Path out;

    @Option(names = "--shard", paramLabel = "i/N",
            description = "compute only shard i of N (1-based; row j falls to shard j mod N + 1) into "
                    + "<out>.shard-i-of-N.csv; combine the shards with 'merge'")
    String shardSpec;

    /** One (setting, family seed) of the run. */
    private record Family(Domains.Setting setting, long seed) {
    }

    /** One planned row: family index, sample size, held-out domain, method. */
    private record Planned(int family, int n, int domain, ZeroShotMethod method) {
    }

    @Override
    public Integer call() throws IOException {
        Checks.atLeast("--d", d, 2);
        Checks.between("--test-domains", testDomains, 1, ZeroShotBenchmark.MAX_TEST_DOMAINS);
        Checks.atLeast("--train-domains", trainDomains, 1);
        Checks.atLeast("--steps", steps, 1);
        Checks.atLeast("--batch", batch, 1);
        Checks.between("--passes", passes, 1, 2);
        Checks.atLeast("--notears-max-inner", notearsMaxInner, 1);
        Checks.positive("--notears-inner-tol", notearsInnerTol);
        Checks.positive("--sigma", sigma);
        if (!(erK > 0) || erK > (d - 1) / 2.0) {
            throw Checks.bad("--er-k", erK, "expected a value in (0, " + (d - 1) / 2.0 + "] for --d " + d);
        }
        int minN = standardise ? 2 : 1;
        if (ns != null) {
            Checks.allAtLeast("--ns", ns, minN);
        }
        if (trainN != null) {
            Checks.atLeast("--train-n", trainN, minN);
        }
        if (seeds != null) {
            Checks.nonEmpty("--seeds", seeds);
        }
        List<Domains.Setting> sets = new ArrayList<>();
        for (String s : settings) {
            try {
                sets.add(ZeroShotBenchmark.setting(s));
            } catch (IllegalArgumentException e) {
                throw Checks.bad("--settings", s.isEmpty() ? "''" : s,
                        "expected a (one shared DAG), b (a DAG per domain, one order) or c (a DAG and an order per domain)");
            }
        }
        List<ZeroShotMethod> ms = new ArrayList<>();
        if (methods == null) {
            ms.addAll(Arrays.asList(ZeroShotMethod.values()));
        } else {
            for (String m : methods) {
                try {
                    ms.add(ZeroShotMethod.of(m));
                } catch (IllegalArgumentException e) {
                    throw Checks.bad("--methods", m.isEmpty() ? "''" : m, e.getMessage().replaceFirst("^method '[^']*'; ", ""));
                }
            }
        }
        java.util.Map<ZeroShotMethod, Integer> cap = new java.util.EnumMap<>(ZeroShotMethod.class);
        if (caps != null) {
            for (var e : caps.entrySet()) {
                ZeroShotMethod m;
                try {
                    m = ZeroShotMethod.of(e.getKey());
                } catch (IllegalArgumentException ex) {
                    throw Checks.bad("--cap", e.getKey() + "=" + e.getValue(), ex.getMessage().replaceFirst("^method '[^']*'; ", "")
                            + " before '='");
                }
                if (e.getValue() == null || e.getValue() < 0) {
                    throw Checks.bad("--cap", e.getKey() + "=" + e.getValue(), "expected a number of domains >= 0 after '='");
                }
                cap.put(m, e.getValue());
            }
        }
        Checks.fits("--d " + d, 8.0 * d * d * (trainDomains * 4.0 + 64) + 8.0 * d * Math.max(1, maxOf(ns, 10 * d)));
        ZeroShotBenchmark bench = benchmark();
        List<Family> families = new ArrayList<>();
        for (Domains.Setting s : sets) {
            if (seeds == null) {
                families.add(new Family(s, ZeroShotBenchmark.defaultSeed(s)));
            } else {
                for (long seed : seeds) {
                    families.add(new Family(s, seed));
                }
            }
        }
        // the rows in the order an unsharded run writes them: setting, seed, n, domain, method
        String set = bench.settings();
        List<String> keys = new ArrayList<>();
        List<Planned> plan = new ArrayList<>();
        for (int fi = 0; fi < families.size(); fi++) {
            Family f = families.get(fi);
            for (int n : bench.ns()) {
                for (int k = 0; k < testDomains; k++) {
                    for (ZeroShotMethod m : ms) {
                        if (k >= cap.getOrDefault(m, Integer.MAX_VALUE)) {
                            continue;
                        }
                        keys.add(ZeroShotRow.key(ZeroShotBenchmark.label(f.setting()), d, bench.data(), f.seed(), bench.settings(m), n, k, m.label()));
                        plan.add(new Planned(fi, n, k, m));
                    }
                }
            }
        }
        if (keys.isEmpty()) {
            throw Checks.bad("--cap", caps, "expected at least one method left with a domain to run");
        }
        ShardPlan.requireDistinct(keys, "--settings --seeds --ns --methods");
        Shard shard = Shard.parse(shardSpec);
        Path file = out != null ? out : Path.of("data", "amortised_d" + d + (standardise ? "_standardised" : "") + ".csv");
        Path written = shard == null ? file : shard.file(file);
        if (shard != null) {
            Checks.writable("--out", written);
            new ShardPlan("amortised", shard, String.join(",", ZeroShotRow.HEADER), ZeroShotRow.KEY_COLUMNS, ZeroShotRow.TIMING, keys)
                    .writeBeside(written);
        }
        if (ZeroShotRow.upgrade(written)) {
            System.err.println("upgraded " + written + " to the header with skeleton and failure columns (rows unchanged, "
                    + "new cells empty)");
        }
        long total = IntStream.range(0, keys.size()).filter(j -> shard == null || shard.owns(j)).count();
        int skipped = 0;
        Path runs = RunFootprint.beside(written);
        try (ResumableCsv w = ResumableCsv.open("--out", written, ZeroShotRow.HEADER, ZeroShotRow.KEY_COLUMNS, System.err);
             ProgressBar bar = new ProgressBar(shard == null ? "amortised" : "amortised " + shard.label(), total, System.err)) {
            Set<String> existing = w.doneKeys();
            for (int fi = 0; fi < families.size(); fi++) {
                Family f = families.get(fi);
                Domains family = bench.family(f.setting(), f.seed());
                // this family's planned rows that are still to be computed here
                List<Integer> todo = new ArrayList<>();
                for (int j = 0; j < plan.size(); j++) {
                    if (plan.get(j).family() != fi || (shard != null && !shard.owns(j))) {
                        continue;
                    }
                    if (existing.contains(keys.get(j))) {
                        skipped++;
                        bar.step();
                    } else {
                        todo.add(j);
                    }
                }
                if (todo.isEmpty()) {
                    continue;
                }
                RunFootprint meter = RunFootprint.start();
                // train only if a row of the amortised model is still to be computed here
                boolean needModel = todo.stream().anyMatch(j -> plan.get(j).method() == ZeroShotMethod.AMORTISED);
                AmortisedModel model = null;
                double trainSeconds = 0;
                if (needModel) {
                    long done = bar.done();
                    String what = "training " + ZeroShotBenchmark.label(f.setting()) + " seed " + f.seed();
                    AmortisedTrainer.Result trained = bench.train(family, p -> bar.set(done, String.format(java.util.Locale.ROOT,
                            "%s: step %d/%d", what, p.step(), steps)));
                    model = trained.model();
                    trainSeconds = trained.seconds();
                    bar.set(done, "");
                }
                double rowMillis = 0;
                for (int j : todo) {
                    Planned p = plan.get(j);
                    ZeroShotRow r = bench.row(family, model, p.n(), p.domain(), p.method());
                    if (!r.key().equals(keys.get(j))) {
                        throw new IllegalStateException("row key " + r.key() + " differs from the planned " + keys.get(j));
                    }
                    w.appendLine(r.csv());
                    rowMillis += r.millis();
                    bar.step();
                }
                meter.append(runs, ZeroShotBenchmark.label(f.setting()), d, bench.data(), f.seed(), set,
                        shard == null ? "" : shard.label(), trainSeconds, todo.size(), rowMillis / 1000);
            }
        }
        System.err.println("wrote " + written + " (" + (total - skipped) + " new rows, " + skipped + " already present; settings: "
                + set + ")");
        return 0;
    }

    /** The benchmark these options describe. */
    ZeroShotBenchmark benchmark() {
        ZeroShotBenchmark b = ZeroShotBenchmark.defaults(d);
        if (ns != null) {
            b = b.withNs(ns);
        }
        if (trainN != null) {
            b = b.withTrainSamples(trainN);
        }
        return b.withEdgesPerNode(erK).withSigma(sigma).withTrainDomains(trainDomains).withTestDomains(testDomains)
                .withStandardise(standardise).withShape(b.shape().withPasses(passes))
                .withTraining(b.training().withSteps(steps).withBatchSize(batch).withSeed(trainSeed))
                .withNotears(b.notears().withMaxInner(notearsMaxInner).withInnerTol(notearsInnerTol));
    }

    private static int maxOf(int[] v, int otherwise) {
        return v == null ? otherwise : Arrays.stream(v).max().orElse(otherwise);
    }
}
