package org.causalheads.cli;

import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.causalheads.incontext.AttentionSnapshot;
import org.causalheads.incontext.InContextDag;
import org.causalheads.incontext.InContextTree;
import org.causalheads.incontext.AttentionMetrics;
import org.causalheads.numeric.OptimiserConfig;
import org.causalheads.numeric.Schedule;
import org.causalheads.incontext.SequenceTask;
import org.causalheads.incontext.TransformerTrainer;
import org.causalheads.incontext.TrainingResult;
import org.causalheads.incontext.Transformer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains one in-context configuration (Nichani, Damian &amp; Lee 2024) and prints a JSON result. */
@Command(name = "incontext", mixinStandardHelpOptions = true,
        description = "Train the disentangled transformer on one in-context task; print a JSON result. "
                + "The defaults are notebook 05's chain run (S=10, T=20, 1200 steps x 256, SGD lr 12, cosine).")
public final class IncontextCommand implements Callable<Integer> {

    @Option(names = "--task", defaultValue = "chain",
            description = "chain | icl | tree | dag (two parents ((i-1)/2, i-1)); default ${DEFAULT-VALUE}")
    String task;
    @Option(names = {"--S", "-S"}, defaultValue = "10", description = "alphabet size (default ${DEFAULT-VALUE})")
    int vocab;
    @Option(names = {"--T", "-T"}, defaultValue = "20", description = "sequence length incl. query (default ${DEFAULT-VALUE})")
    int seqLen;
    @Option(names = "--alpha", defaultValue = "" + InContextTree.DEFAULT_ALPHA, description = "Dirichlet concentration (default ${DEFAULT-VALUE})")
    double alpha;
    @Option(names = "--root-prob", defaultValue = "0.5", description = "tree: root probability (default ${DEFAULT-VALUE})")
    double rootProb;
    @Option(names = "--graph-seed", defaultValue = "" + InContextTree.DEFAULT_GRAPH_SEED, description = "tree: graph seed (default ${DEFAULT-VALUE})")
    long graphSeed;
    @Option(names = "--heads", defaultValue = "1,1", split = ",", description = "heads per layer (default ${DEFAULT-VALUE})")
    int[] heads;
    @Option(names = "--steps", defaultValue = "1200", description = "optimiser steps (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--batch", defaultValue = "256", description = "sequences per step (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--optimiser", defaultValue = "sgd", description = "sgd | adamw (default ${DEFAULT-VALUE})")
    String optimiser;
    @Option(names = "--lr", description = "base learning rate (default " + SGD_LR + " for sgd, " + ADAMW_LR
            + " for adamw)")
    Double lr;
    @Option(names = "--wd", defaultValue = "0", description = "weight decay (default ${DEFAULT-VALUE})")
    double wd;
    @Option(names = "--schedule", defaultValue = "COSINE", description = "CONSTANT | COSINE (default ${DEFAULT-VALUE})")
    Schedule schedule;
    @Option(names = "--init-scale", defaultValue = "0", description = "std of random attention init; 0 = zeros")
    double initScale;
    @Option(names = "--seed", defaultValue = "" + TransformerTrainer.DEFAULT_SEED, description = "training seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--threads", defaultValue = "" + TransformerTrainer.DEFAULT_SHARDS, description = "threads (result does not depend on it; default ${DEFAULT-VALUE})")
    int threads;
    @Option(names = "--save-dir", description = "write the model's parameters every --save-every steps (and at the end) to "
            + "<dir>/model_step_NNNNNN.csv, and the printed result to <dir>/result.json")
    java.nio.file.Path saveDir;
    @Option(names = "--save-every", defaultValue = "0", description = "steps between saved models with --save-dir "
            + "(default: only the end)")
    int saveEvery;

    /**
     * Default SGD rate: notebook 05's chain run (S = 10, T = 20, 1200 steps x 256, cosine decay).
     * There lr 30 jumps to about 17 nats within 50 steps and after 1200 steps is still at 2.28 nats,
     * barely below ln S = 2.30; lr 12 overshoots ln S only slightly and ends within 0.06 nats of the
     * Bayes loss.
     */
    static final double SGD_LR = 12;
    /** Default AdamW rate: the authors' multi-parent run. */
    static final double ADAMW_LR = 0.01;

    static SequenceTask buildTask(String name, int s, int t, double alpha, double rootProb, long graphSeed) {
        switch (name) {
            case "chain":
                return InContextTree.chain(s, t, alpha);
            case "icl":
                return InContextTree.icl(s, t, alpha);
            case "tree":
                return InContextTree.randomTree(s, t, rootProb, graphSeed, alpha);
            case "dag":
                return InContextDag.twoParents(s, t, alpha);
            default:
                throw Checks.bad("--task", name, "expected chain, icl, tree or dag");
        }
    }

    static OptimiserConfig buildOptimiser(String name, double lr, double wd, Schedule schedule) {
        OptimiserConfig c;
        switch (name) {
            case "sgd":
                c = OptimiserConfig.sgd(lr);
                break;
            case "adamw":
                c = OptimiserConfig.adamw(lr, wd);
                break;
            default:
                throw Checks.bad("--optimiser", name, "expected sgd or adamw");
        }
        return c.withWeightDecay(wd).withSchedule(schedule);
    }

    /** The JSON-ready summary of a run. */
    static Map<String, Object> result(TrainingResult run, Transformer model) {
        SequenceTask task = run.task();
        AttentionSnapshot snap = run.finalSnapshot();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task.name());
        m.put("S", task.vocabSize());
        m.put("T", task.seqLen());
        m.put("alpha", task.alpha());
        m.put("heads", model.headsPerLayer());
        m.put("finalLoss", run.finalLoss());
        m.put("bayesLoss", run.bayesLoss());
        m.put("unigramLoss", run.unigramLoss());
        m.put("uniformLoss", run.uniformLoss());
        m.put("meanParentAttention", snap.meanParentAttention(task));
        m.put("parentRecovery", snap.parentRecovery(task));
        m.put("positionBlockParentAttention", AttentionMetrics.meanOnParents(model.positionAttention(0), task));
        m.put("inductionScore", snap.inductionScore());
        m.put("queryTargetShare", snap.queryTargetShare());
        m.put("queryInductionScore", snap.queryInductionScore());
        m.put("allRowsInductionScore", snap.allRowsInductionScore());
        m.put("layer1Argmax", snap.firstLayerArgmax());
        int[] parents = new int[task.seqLen()];
        for (int i = 0; i < parents.length; i++) {
            int[] p = task.parents(i);
            parents[i] = p.length == 0 ? -1 : p[p.length - 1];
        }
        m.put("trueParent", parents);
        m.put("steps", run.steps());
        m.put("batch", run.batch());
        m.put("seconds", run.seconds());
        m.put("stepsPerSecond", run.stepsPerSecond());
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("optimiser", run.optimiser().toString());
        prov.put("seed", run.seed());
        prov.put("evalSeed", TransformerTrainer.DEFAULT_EVAL_SEED);
        prov.put("shards", TransformerTrainer.DEFAULT_SHARDS);
        prov.put("threads", run.threads());
        prov.put("cores", Runtime.getRuntime().availableProcessors());
        prov.put("java", System.getProperty("java.version"));
        prov.put("library", "causal-heads 0.1.0 org.causalheads.incontext");
        m.put("provenance", prov);
        return m;
    }

    /** Largest alphabet and sequence length accepted before the memory estimate. */
    static final int MAX_SIZE = 1 << 15;

    /**
     * Checks the shape and training options shared by the in-context commands, each named with
     * its value on failure, and that the model and one batch fit in the heap ({@link #memoryBytes}).
     */
    static void checkShape(int vocab, int seqLen, int[] heads, int steps, int batch, int threads) {
        Checks.between("--S", vocab, 2, MAX_SIZE);
        Checks.between("--T", seqLen, 3, MAX_SIZE);
        Checks.allAtLeast("--heads", heads, 1);
        if (heads.length > 8) {
            throw Checks.bad("--heads", heads, "expected at most 8 layers");
        }
        Checks.atLeast("--steps", steps, 1);
        Checks.atLeast("--batch", batch, 1);
        Checks.atLeast("--threads", threads, 1);
        Checks.fits("--S " + vocab + " --T " + seqLen + " --heads " + java.util.Arrays.toString(heads).replace(" ", "")
                + " --batch " + batch, memoryBytes(vocab, seqLen, heads, batch));
    }

    /**
     * Memory (bytes, an estimate) of training the disentangled transformer: residual widths
     * {@code d_0 = S + T}, {@code d_(l+1) = d_l (1 + h_l)}; parameters {@code sum_l h_l d_l^2 + d_L S}
     * held five times (weights, optimiser state, per-shard gradients); per sequence the residual
     * stream {@code T d_L} and the attention maps {@code T^2 sum h_l}, three times (forward values,
     * backward values, sampling).
     */
    static double memoryBytes(int vocab, int seqLen, int[] heads, int batch) {
        double d = (double) vocab + seqLen;
        double params = 0;
        double maps = 0;
        for (int h : heads) {
            params += h * d * d;
            maps += (double) h * seqLen * seqLen;
            d *= 1 + h;
        }
        params += d * vocab;
        return 8 * (5 * params + 3.0 * batch * (seqLen * d + maps));
    }

    @Override
    public Integer call() {
        checkShape(vocab, seqLen, heads, steps, batch, threads);
        Checks.positive("--alpha", alpha);
        Checks.unit("--root-prob", rootProb);
        if (lr != null) {
            Checks.positive("--lr", lr);
        }
        Checks.nonNegative("--wd", wd);
        Checks.nonNegative("--init-scale", initScale);
        Checks.atLeast("--save-every", saveEvery, 0);
        if (saveDir != null) {
            Checks.writable("--save-dir", saveDir.resolve("result.json"));
        } else if (saveEvery > 0) {
            throw Checks.bad("--save-every", saveEvery, "needs --save-dir");
        }
        SequenceTask t = buildTask(task, vocab, seqLen, alpha, rootProb, graphSeed);
        Transformer model = Transformer.zeros(t.vocabSize(), t.seqLen(), heads);
        if (initScale > 0) {
            model = model.withRandomAttention(initScale, seed);
        }
        OptimiserConfig opt = buildOptimiser(optimiser, lr != null ? lr : "adamw".equals(optimiser) ? ADAMW_LR : SGD_LR,
                wd, schedule);
        TrainingResult run;
        Transformer trained = model;
        try (ProgressBar bar = new ProgressBar("incontext", steps, System.err)) {
            TransformerTrainer trainer = TransformerTrainer.of(t).steps(steps).batch(batch).seed(seed).threads(threads)
                    .optimiser(opt).onProgress(p -> {
                        bar.set(p.step(), String.format("loss %.4f", p.evalLoss()));
                        if (saveDir != null && (p.step() == steps || saveEvery > 0 && p.step() % saveEvery == 0)) {
                            writeModel(saveDir.resolve(String.format("model_step_%06d.csv", p.step())), trained);
                        }
                    });
            if (saveEvery > 0) {
                trainer.evalEvery(saveEvery);
            }
            run = trainer.train(model);
        }
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues().create()
                .toJson(result(run, model));
        System.out.println(json);
        if (saveDir != null) {
            write(saveDir.resolve("result.json"), json + "\n");
        }
        return 0;
    }

    /** A model's parameters in the flat layout of {@link Transformer#parameters()}: {@code index,value} lines. */
    static void writeModel(java.nio.file.Path file, Transformer model) {
        StringBuilder sb = new StringBuilder("index,value\n");
        double[] theta = model.parameters();
        for (int i = 0; i < theta.length; i++) {
            sb.append(i).append(',').append(theta[i]).append('\n');
        }
        write(file, sb.toString());
    }

    private static void write(java.nio.file.Path file, String text) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            java.nio.file.Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not write " + file, e);
        }
    }
}
