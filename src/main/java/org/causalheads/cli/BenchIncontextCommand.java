package org.causalheads.cli;

import java.util.concurrent.Callable;
import org.causalheads.incontext.Batch;
import org.causalheads.incontext.InContextTree;
import org.causalheads.numeric.OptimiserConfig;
import org.causalheads.incontext.SequenceTask;
import org.causalheads.incontext.TransformerTrainer;
import org.causalheads.incontext.TrainingResult;
import org.causalheads.incontext.Transformer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Training throughput of the in-context transformer (forward + backward + SGD step, sampling included). */
@Command(name = "bench-incontext", mixinStandardHelpOptions = true,
        description = "Print training steps/s and sequences/s for the in-context transformer.")
public final class BenchIncontextCommand implements Callable<Integer> {

    @Option(names = {"--S", "-S"}, defaultValue = "10", description = "alphabet size (default ${DEFAULT-VALUE})")
    int vocab;
    @Option(names = {"--T", "-T"}, defaultValue = "20", description = "sequence length (default ${DEFAULT-VALUE})")
    int seqLen;
    @Option(names = "--heads", defaultValue = "1,1", split = ",", description = "heads per layer (default ${DEFAULT-VALUE})")
    int[] heads;
    @Option(names = "--batch", defaultValue = "1024", description = "batch (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--steps", defaultValue = "200", description = "timed steps (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--warmup", defaultValue = "50", description = "untimed warm-up steps (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() {
        IncontextCommand.checkShape(vocab, seqLen, heads, steps, batch, 1);
        Checks.atLeast("--warmup", warmup, 0);
        Checks.fits("bench-incontext sampling of " + batch * 20L + " sequences", 2.0 * 8 * batch * 20.0 * seqLen);
        SequenceTask task = InContextTree.chain(vocab, seqLen);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("bench-incontext: chain S=%d T=%d heads=%s batch=%d, cores=%d, java %s%n", vocab, seqLen,
                java.util.Arrays.toString(heads), batch, cores, System.getProperty("java.version"));
        long t0 = System.nanoTime();
        int n = Math.toIntExact(batch * 20L);
        Batch b = task.sample(n, 1);
        double sampleSec = (System.nanoTime() - t0) * 1e-9;
        System.out.printf("  sampling only (1 thread): %.0f sequences/s (%d sequences)%n", b.size() / sampleSec, n);
        for (int threads = 1; threads <= Math.min(2, cores); threads++) {
            Transformer model = Transformer.zeros(task.vocabSize(), task.seqLen(), heads).withRandomAttention(0.01, 1);
            TransformerTrainer tr = TransformerTrainer.of(task).batch(batch).threads(threads).optimiser(OptimiserConfig.sgd(0.1))
                    .evalEvery(0).evalBatch(8, 1);
            if (warmup > 0) {
                tr.steps(warmup).train(model);
            }
            TrainingResult run = tr.steps(steps).train(model);
            System.out.printf("  threads=%d: %.1f steps/s, %.0f sequences/s (%d steps in %.2f s, sampling included)%n",
                    threads, run.stepsPerSecond(), run.stepsPerSecond() * batch, steps, run.seconds());
        }
        return 0;
    }
}
