package org.causalheads.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.causalheads.incontext.RandomTreesPaper;
import org.causalheads.incontext.AttentionSnapshot;
import org.causalheads.incontext.InContextTree;
import org.causalheads.incontext.PosteriorPredictive;
import org.causalheads.incontext.AttentionMetrics;
import org.causalheads.numeric.Schedule;
import org.causalheads.numeric.Statistics;
import org.causalheads.incontext.TransformerTrainer;
import org.causalheads.incontext.TrainingResult;
import org.causalheads.incontext.Transformer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The paper-scale random-tree experiment: many random forests, one model each; per-graph result
 * and loss-curve CSVs, resumable (a graph whose result file exists is skipped). Each graph it trains
 * also leaves its trained parameters ({@code graph_NN_model.csv}), so attention can be measured
 * afterwards. {@code --bayes-only} writes {@code trees_bayes.csv}: for each graph, the
 * context-transition baseline and the full-context posterior predictive
 * ({@link PosteriorPredictive}) on the same held-out batch the training run evaluates on.
 */
@Command(name = "incontext-paper", mixinStandardHelpOptions = true,
        description = "Paper-scale run on random trees (default: 20 graphs, S=3, T=20, 2^14 steps x 1024, "
                + "SGD lr 1 constant); CSVs into --out, resumable per graph. With --bayes-only: the full-context "
                + "Bayes loss of every graph's held-out batch instead (no training).")
public final class IncontextPaperCommand implements Callable<Integer> {

    @Option(names = "--graphs", defaultValue = "" + RandomTreesPaper.GRAPHS, description = "number of random graphs (default ${DEFAULT-VALUE})")
    int graphs;
    @Option(names = {"--S", "-S"}, defaultValue = "" + RandomTreesPaper.STATES, description = "alphabet size (default ${DEFAULT-VALUE})")
    int vocab;
    @Option(names = {"--T", "-T"}, defaultValue = "" + RandomTreesPaper.LENGTH, description = "sequence length (default ${DEFAULT-VALUE})")
    int seqLen;
    @Option(names = "--root-prob", defaultValue = "" + RandomTreesPaper.ROOT_PROBABILITY, description = "root probability (default ${DEFAULT-VALUE})")
    double rootProb;
    @Option(names = "--steps", defaultValue = "" + RandomTreesPaper.STEPS, description = "steps per graph (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--batch", defaultValue = "" + RandomTreesPaper.BATCH, description = "batch (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--lr", defaultValue = "" + RandomTreesPaper.LEARNING_RATE, description = "SGD learning rate (default ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--schedule", defaultValue = "CONSTANT", description = "CONSTANT | COSINE (default ${DEFAULT-VALUE})")
    Schedule schedule;
    @Option(names = "--seed", defaultValue = "1", description = "base seed: graph k uses graph seed and training seed base+k")
    long seed;
    @Option(names = "--out", defaultValue = "data/incontext", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--threads", defaultValue = "" + TransformerTrainer.DEFAULT_SHARDS, description = "threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--bayes-only", description = "train nothing: write <out>/trees_bayes.csv, the context-transition and the "
            + "full-context (posterior-predictive) Bayes losses of every graph's held-out batch")
    boolean bayesOnly;
    @Option(names = "--bayes-draws", defaultValue = "" + PosteriorPredictive.DEFAULT_DRAWS,
            description = "importance draws per sequence for --bayes-only (default ${DEFAULT-VALUE})")
    int bayesDraws;

    @Option(names = "--shard", paramLabel = "i/N",
            description = "train only the graphs of shard i of N (1-based; graph g falls to shard g mod N + 1); their "
                    + "rows go to <out>/trees_results.shard-i-of-N.csv; combine the shards with 'merge'")
    String shardSpec;

    static final String RESULT_HEADER = "graph,S,T,steps,batch,lr,schedule,root_prob,seed,parents,final_loss,bayes_loss,"
            + "unigram_loss,uniform_loss,mean_parent_attention_position_block,mean_parent_attention_data,"
            + "parent_recovery,seconds";
    /** The column summarised at the end (the paper's metric). */
    static final String POSITION_BLOCK_COLUMN = "mean_parent_attention_position_block";

    /** Index of column {@code name} in a CSV header line. */
    static int column(String header, String name) {
        int i = java.util.Arrays.asList(header.split(",", -1)).indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in header '" + header + "'");
        }
        return i;
    }

    /** Number of leading result columns that are settings (the key of a graph's result). */
    static final int SETTINGS_COLUMNS = 9;

    /** The settings columns of graph {@code g}'s row: every option its result depends on. */
    String settings(int g) {
        return String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%s,%s,%s,%d", g, vocab, seqLen, steps, batch, lr, schedule,
                rootProb, seed + g);
    }

    /**
     * The data row of a finished graph's result file, which must have this version's header and
     * the settings of this run; a file from other settings is refused, never reused.
     */
    private String readResultRow(Path result, int g) {
        String text = Checks.readText("--out", result);
        String[] lines = text.split("\n", -1);
        String[] head = RESULT_HEADER.split(",", -1);
        if (lines.length < 2 || !lines[0].equals(RESULT_HEADER) || lines[1].split(",", -1).length != head.length) {
            throw Checks.bad("--out", result, "existing result file does not hold one result with header '"
                    + RESULT_HEADER + "' (found " + (text.isEmpty() ? "an empty file" : "'" + lines[0] + "'")
                    + "); expected a file written by this command (use another --out)");
        }
        String[] have = lines[1].split(",", -1);
        String[] want = settings(g).split(",", -1);
        for (int c = 0; c < SETTINGS_COLUMNS; c++) {
            if (!have[c].equals(want[c])) {
                throw Checks.bad("--out", result, "was computed with " + head[c] + "=" + have[c] + " but this run has "
                        + head[c] + "=" + want[c] + "; expected the same settings to resume (use another --out)");
            }
        }
        return lines[1];
    }

    @Override
    public Integer call() throws IOException {
        Checks.atLeast("--graphs", graphs, 1);
        IncontextCommand.checkShape(vocab, seqLen, new int[] {1, 1}, steps, batch, threads);
        Checks.unit("--root-prob", rootProb);
        Checks.positive("--lr", lr);
        Shard shard = Shard.parse(shardSpec);
        if (bayesOnly) {
            Checks.atLeast("--bayes-draws", bayesDraws, 1);
            if (shard != null) {
                throw Checks.bad("--shard", shardSpec, "no sharding with --bayes-only (it trains nothing; run it once)");
            }
            Checks.writable("--out", out.resolve(BAYES_FILE));
            return writeBayes(out.resolve(BAYES_FILE));
        }
        Path dir = out.resolve("trees");
        Checks.writable("--out", dir.resolve("trees_results.csv"));
        Path results = shard == null ? out.resolve("trees_results.csv") : shard.file(out.resolve("trees_results.csv"));
        if (shard != null) {
            List<String> keys = new ArrayList<>();
            for (int g = 0; g < graphs; g++) {
                keys.add(settings(g));
            }
            new ShardPlan("incontext-paper", shard, RESULT_HEADER, SETTINGS_COLUMNS, "seconds", keys).writeBeside(results);
        }
        // shards of one run write disjoint graph files, so each takes its own lock
        String lockName = shard == null ? ".lock" : ".lock-shard-" + shard.index() + "-of-" + shard.count();
        try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(dir.resolve(lockName),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw Checks.bad("--out", out, "is being written by another incontext-paper run (" + dir.resolve(lockName)
                        + " is locked); expected one writer per folder: wait for it, or use another --out");
            }
            try {
                return runGraphs(dir, shard, results);
            } finally {
                lock.release();
            }
        }
    }

    private int runGraphs(Path dir, Shard shard, Path results) {
        List<String> rows = new ArrayList<>();
        for (int g = 0; g < graphs; g++) {
            if (shard != null && !shard.owns(g)) {
                continue;
            }
            Path result = dir.resolve(String.format("graph_%02d_result.csv", g));
            if (Files.exists(result)) {
                rows.add(readResultRow(result, g));
                System.err.println("graph " + g + ": " + result + " exists with the same settings, skipped");
                continue;
            }
            InContextTree task = InContextTree.randomTree(vocab, seqLen, rootProb, seed + g);
            Transformer model = Transformer.zeros(task.vocabSize(), task.seqLen(), 1, 1);
            TrainingResult run;
            try (ProgressBar bar = new ProgressBar(String.format("graph %2d/%d", g + 1, graphs), steps, System.err)) {
                run = TransformerTrainer.of(task).steps(steps).batch(batch).seed(seed + g).threads(threads)
                        .optimiser(IncontextCommand.buildOptimiser("sgd", lr, 0, schedule))
                        .evalEvery(Math.max(1, steps / 128))
                        .onProgress(p -> bar.set(p.step(), String.format(Locale.ROOT, "loss %.4f", p.evalLoss())))
                        .train(model);
            }
            writeLossCurve(dir.resolve(String.format("graph_%02d_loss.csv", g)), run);
            writeModel(dir.resolve(String.format("graph_%02d_model.csv", g)), model);
            AttentionSnapshot snap = run.finalSnapshot();
            String row = String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.4f,%.2f",
                    settings(g),
                    Arrays.toString(task.parentArray()).replace(", ", " "),
                    run.finalLoss(), run.bayesLoss(), run.unigramLoss(), run.uniformLoss(),
                    AttentionMetrics.meanOnParents(model.positionAttention(0), task), snap.meanParentAttention(task),
                    snap.parentRecovery(task), run.seconds());
            writeAtomically(result, RESULT_HEADER + "\n" + row + "\n");
            rows.add(row);
            System.err.printf(Locale.ROOT, "graph %d: loss %.4f (Bayes %.4f), parent attention %.3f%n", g,
                    run.finalLoss(), run.bayesLoss(), AttentionMetrics.meanOnParents(model.positionAttention(0), task));
        }
        writeAtomically(results, RESULT_HEADER + "\n" + (rows.isEmpty() ? "" : String.join("\n", rows) + "\n"));
        int col = column(RESULT_HEADER, POSITION_BLOCK_COLUMN);
        double[] pa = rows.stream().mapToDouble(r -> Double.parseDouble(r.split(",", -1)[col])).toArray();
        double mean = Statistics.mean(pa);
        double sd = Statistics.populationStd(pa);
        System.out.printf(Locale.ROOT, (shard == null ? "" : "shard " + shard.label() + ", ")
                + "%d graphs: mean attention on the true parent (position block) %.3f, std %.3f%n",
                pa.length, mean, sd);
        System.out.println("results: " + results);
        return 0;
    }

    /** The file {@code --bayes-only} writes into {@code --out}. */
    static final String BAYES_FILE = "trees_bayes.csv";
    static final String BAYES_HEADER = "graph,S,T,root_prob,seed,roots,eval_sequences,eval_seed,draws,context_bayes_loss,"
            + "posterior_bayes_loss,posterior_bayes_loss_se,posterior_entropy,difference,difference_se,mean_ess,min_ess";

    /** The held-out batch of graph {@code g}'s training run, and both Bayes losses on it. */
    private int writeBayes(Path file) {
        StringBuilder sb = new StringBuilder(BAYES_HEADER).append('\n');
        for (int g = 0; g < graphs; g++) {
            InContextTree task = InContextTree.randomTree(vocab, seqLen, rootProb, seed + g);
            long roots = Arrays.stream(task.parentArray()).filter(p -> p < 0).count();
            var eval = task.sample(TransformerTrainer.DEFAULT_EVAL_SIZE, TransformerTrainer.DEFAULT_EVAL_SEED);
            PosteriorPredictive.Bound b = PosteriorPredictive.of(task, bayesDraws).bound(eval, seed + g);
            String row = String.format(Locale.ROOT, "%d,%d,%d,%s,%d,%d,%d,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.1f,%.1f",
                    g, vocab, seqLen, rootProb, seed + g, roots, eval.size(), TransformerTrainer.DEFAULT_EVAL_SEED, bayesDraws,
                    b.meanContextLoss(), b.meanLoss(), b.lossStandardError(), b.meanEntropy(), b.meanDifference(),
                    b.differenceStandardError(), b.meanEss(), b.minEss());
            sb.append(row).append('\n');
            System.err.printf(Locale.ROOT, "graph %d: context-transition Bayes %.4f, full-context Bayes %.4f (entropy %.4f), "
                    + "difference %.4f ± %.4f, ESS >= %.0f%n", g, b.meanContextLoss(), b.meanLoss(), b.meanEntropy(),
                    b.meanDifference(), b.differenceStandardError(), b.minEss());
        }
        writeAtomically(file, sb.toString());
        System.out.println("results: " + file);
        return 0;
    }

    /** The trained parameters, as {@link IncontextCommand#writeModel} writes them (atomically here). */
    private static void writeModel(Path file, Transformer model) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        IncontextCommand.writeModel(tmp, model);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static void writeLossCurve(Path file, TrainingResult run) {
        StringBuilder sb = new StringBuilder("step,train_loss_smoothed,eval_loss,bayes_loss,unigram_loss,uniform_loss\n");
        double[] smooth = run.smoothedTrainLoss(Math.max(1, run.steps() / 128));
        for (TrainingResult.EvalPoint e : run.evals()) {
            int i = (int) e.step() - 1;
            sb.append(String.format(Locale.ROOT, "%d,%s,%.6f,%.6f,%.6f,%.6f%n", e.step(),
                    i < 0 ? "" : String.format(Locale.ROOT, "%.6f", smooth[i]), e.loss(), run.bayesLoss(),
                    run.unigramLoss(), run.uniformLoss()));
        }
        writeAtomically(file, sb.toString());
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
