package org.causalheads.incontext;

import org.causalheads.numeric.Optimiser;
import org.causalheads.numeric.OptimiserConfig;
import org.causalheads.numeric.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Trains a {@link Transformer} on fresh batches of a {@link SequenceTask}: a fluent, mutable set-up
 * followed by {@link #train(Transformer)}, which updates the model in place and returns a
 * {@link TrainingResult} with the loss history and attention snapshots.
 *
 * <pre>{@code
 * TrainingResult run = TransformerTrainer.of(task).steps(2000).batch(256)
 *         .optimiser(OptimiserConfig.sgd(2.0))
 *         .snapshotEvery(500)
 *         .train(model);
 * }</pre>
 *
 * <p><b>Determinism.</b> Sequence {@code b} of step {@code t} is drawn from its own seed
 * {@code Rng.derive(seed, t·batch + b)}. Each batch is cut into a fixed number of contiguous
 * shards ({@link #DEFAULT_SHARDS}); each shard's gradient is summed in its own buffer and the
 * shard sums are added in shard order. So the result depends on the seed and the shard count,
 * never on the number of threads.
 */
public final class TransformerTrainer {

    /** Default seed of the training stream. */
    public static final long DEFAULT_SEED = 1L;
    /** Default seed of the held-out evaluation batch. */
    public static final long DEFAULT_EVAL_SEED = 20240222L;
    /** Default size of the held-out evaluation batch. */
    public static final int DEFAULT_EVAL_SIZE = 512;
    /** Shards per batch (fixed, so results do not depend on the thread count). */
    public static final int DEFAULT_SHARDS = 2;

    private final SequenceTask task;
    private int steps = 1000;
    private int batch = 256;
    private OptimiserConfig optimiser = OptimiserConfig.sgd(1.0);
    private long seed = DEFAULT_SEED;
    private long evalSeed = DEFAULT_EVAL_SEED;
    private int evalSize = DEFAULT_EVAL_SIZE;
    private int evalEvery = -1;
    private final TreeSet<Long> snapshotSteps = new TreeSet<>();
    private int snapshotEvery = 0;
    private int threads = Math.min(DEFAULT_SHARDS, Runtime.getRuntime().availableProcessors());
    private Consumer<Progress> listener = p -> { };

    private TransformerTrainer(SequenceTask task) {
        if (task == null) {
            throw new IllegalArgumentException("task must not be null");
        }
        this.task = task;
    }

    /** A trainer for {@code task} with the defaults (1000 steps × 256, SGD lr 1 cosine, seed 1). */
    public static TransformerTrainer of(SequenceTask task) {
        return new TransformerTrainer(task);
    }

    /** Number of optimiser steps ({@code > 0}). */
    public TransformerTrainer steps(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("steps must be positive, got " + n);
        }
        this.steps = n;
        return this;
    }

    /** Sequences per step ({@code > 0}). */
    public TransformerTrainer batch(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + n);
        }
        this.batch = n;
        return this;
    }

    /** The optimiser. */
    public TransformerTrainer optimiser(OptimiserConfig c) {
        if (c == null) {
            throw new IllegalArgumentException("optimiser must not be null");
        }
        this.optimiser = c;
        return this;
    }

    /** Seed of the training stream. */
    public TransformerTrainer seed(long s) {
        this.seed = s;
        return this;
    }

    /** Held-out evaluation batch: {@code size} sequences from stream {@code seed}. */
    public TransformerTrainer evalBatch(int size, long seed) {
        if (size <= 0) {
            throw new IllegalArgumentException("evaluation batch size must be positive, got " + size);
        }
        this.evalSize = size;
        this.evalSeed = seed;
        return this;
    }

    /**
     * Evaluate the held-out loss every {@code n} steps ({@code 0}: only at the end). Default:
     * about 100 points over the run.
     */
    public TransformerTrainer evalEvery(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("evalEvery must be >= 0, got " + n);
        }
        this.evalEvery = n;
        return this;
    }

    /** Take attention snapshots at these steps (0 = at initialisation; {@code steps} = at the end). */
    public TransformerTrainer snapshotAt(long... at) {
        for (long a : at) {
            if (a < 0) {
                throw new IllegalArgumentException("snapshot step must be >= 0, got " + a);
            }
            snapshotSteps.add(a);
        }
        return this;
    }

    /** Take an attention snapshot every {@code n} steps (and at the end). */
    public TransformerTrainer snapshotEvery(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("snapshotEvery must be positive, got " + n);
        }
        this.snapshotEvery = n;
        return this;
    }

    /** Worker threads (1..shards); results do not depend on it. */
    public TransformerTrainer threads(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + n);
        }
        this.threads = Math.min(n, DEFAULT_SHARDS);
        return this;
    }

    /** Called at every evaluation point (and at the end) — for a progress bar or a live plot. */
    public TransformerTrainer onProgress(Consumer<Progress> l) {
        this.listener = l == null ? p -> { } : l;
        return this;
    }

    /**
     * Progress of a run.
     *
     * @param step      steps done
     * @param steps     steps planned
     * @param trainLoss mean training loss of the last step
     * @param evalLoss  held-out loss at this point
     * @param seconds   wall time so far
     */
    public record Progress(long step, long steps, double trainLoss, double evalLoss, double seconds) {
        /** Fraction done. */
        public double fraction() {
            return (double) step / steps;
        }
    }

    /** Trains {@code model} in place and returns the record of the run. */
    public TrainingResult train(Transformer model) {
        if (model.vocabSize() != task.vocabSize() || model.seqLen() != task.seqLen()) {
            throw new IllegalArgumentException("model has S=" + model.vocabSize() + ", T=" + model.seqLen()
                    + " but the task has S=" + task.vocabSize() + ", T=" + task.seqLen());
        }
        int every = evalEvery < 0 ? Math.max(1, steps / 100) : evalEvery;
        TreeSet<Long> snaps = new TreeSet<>(snapshotSteps);
        if (snapshotEvery > 0) {
            for (long s = 0; s <= steps; s += snapshotEvery) {
                snaps.add(s);
            }
        }
        snaps.add((long) steps);
        Batch eval = task.sample(evalSize, evalSeed);
        double bayes = task.bayesLoss(eval);
        double unigram = task.unigramLoss(eval);
        long trainStream = Rng.derive(seed, 1);

        double[] theta = model.theta();
        int n = theta.length;
        int shards = Math.min(DEFAULT_SHARDS, batch);
        Shard[] shard = new Shard[shards];
        Batch data = new Batch(batch, task.seqLen(), task.vocabSize());
        for (int k = 0; k < shards; k++) {
            shard[k] = new Shard(model, data, k * batch / shards, (k + 1) * batch / shards, trainStream);
        }
        Optimiser opt = optimiser.start(n, steps);
        double[] grad = new double[n];
        double[] trainLoss = new double[steps];
        List<TrainingResult.EvalPoint> evals = new ArrayList<>();
        List<AttentionSnapshot> snapshots = new ArrayList<>();
        int nThreads = Math.min(threads, shards);
        ExecutorService pool = nThreads > 1 ? Executors.newFixedThreadPool(nThreads - 1, r -> {
            Thread th = new Thread(r, "incontext-trainer");
            th.setDaemon(true);
            return th;
        }) : null;
        long t0 = System.nanoTime();
        try {
            for (int step = 0; step <= steps; step++) {
                boolean isEval = (every > 0 && step % every == 0) || step == steps;
                if (snaps.contains((long) step)) {
                    AttentionSnapshot snap = AttentionSnapshot.of(model, eval, step);
                    snapshots.add(snap);
                    if (isEval) {
                        evals.add(new TrainingResult.EvalPoint(step, snap.evalLoss()));
                    }
                } else if (isEval) {
                    evals.add(new TrainingResult.EvalPoint(step, model.loss(eval)));
                }
                if (isEval) {
                    listener.accept(new Progress(step, steps, step == 0 ? Double.NaN : trainLoss[step - 1],
                            evals.get(evals.size() - 1).loss(), (System.nanoTime() - t0) * 1e-9));
                }
                if (step == steps) {
                    break;
                }
                for (Shard sh : shard) {
                    sh.step = step;
                }
                Future<?>[] fut = new Future<?>[shards];
                if (pool != null) {
                    for (int k = 1; k < shards; k++) {
                        fut[k] = pool.submit(shard[k]);
                    }
                    shard[0].run();
                } else {
                    for (Shard sh : shard) {
                        sh.run();
                    }
                }
                for (int k = 1; k < shards; k++) {
                    if (fut[k] != null) {
                        fut[k].get();
                    }
                }
                double inv = 1.0 / batch;
                double loss = 0;
                System.arraycopy(shard[0].grad, 0, grad, 0, n);
                loss += shard[0].loss;
                for (int k = 1; k < shards; k++) {
                    double[] g = shard[k].grad;
                    for (int i = 0; i < n; i++) {
                        grad[i] += g[i];
                    }
                    loss += shard[k].loss;
                }
                for (int i = 0; i < n; i++) {
                    grad[i] *= inv;
                }
                trainLoss[step] = loss * inv;
                if (!Double.isFinite(trainLoss[step])) {
                    throw new IllegalStateException("training diverged at step " + step + " (loss "
                            + trainLoss[step] + "); lower the learning rate " + optimiser.learningRate());
                }
                opt.step(theta, grad);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a training shard failed", e.getCause());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new TrainingResult(task, model, steps, batch, optimiser, seed, nThreads, seconds,
                Arrays.copyOf(trainLoss, steps), List.copyOf(evals), List.copyOf(snapshots),
                bayes, unigram, task.uniformLoss());
    }

    /** One contiguous slice of the batch with its own workspace, RNG and gradient buffer. */
    private final class Shard implements Runnable {
        final Transformer model;
        final Batch data;
        final int from;
        final int to;
        final long stream;
        final TransformerPasses ws;
        final Rng rng = new Rng(0);
        final double[] scratch;
        final double[] grad;
        int step;
        double loss;

        Shard(Transformer model, Batch data, int from, int to, long stream) {
            this.model = model;
            this.data = data;
            this.from = from;
            this.to = to;
            this.stream = stream;
            this.ws = model.newPasses();
            this.scratch = task.newScratch();
            this.grad = new double[model.parameterCount()];
        }

        @Override
        public void run() {
            int t = data.seqLen;
            int s = data.vocabSize;
            long first = (long) step * data.size;
            Arrays.fill(grad, 0);
            double l = 0;
            for (int b = from; b < to; b++) {
                rng.reseed(Rng.derive(stream, first + b));
                task.sampleInto(rng, data.tokens, b * t, data.targets, b * s, scratch);
                l += ws.accumulate(data.tokens, b * t, data.targets, b * s, grad);
            }
            loss = l;
        }
    }
}
