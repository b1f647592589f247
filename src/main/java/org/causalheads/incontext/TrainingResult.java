package org.causalheads.incontext;

import org.causalheads.numeric.OptimiserConfig;
import java.util.List;

/**
 * The record of one training run: the trained model, the per-step training loss, held-out
 * losses against the baselines, attention snapshots, and how it was produced.
 *
 * @param task        the task trained on
 * @param model       the trained model (the instance passed to {@link TransformerTrainer#train})
 * @param steps       optimiser steps
 * @param batch       sequences per step
 * @param optimiser   optimiser settings
 * @param seed        training-stream seed
 * @param threads     threads used (does not change the result)
 * @param seconds     wall time of the run, evaluation included
 * @param trainLoss   mean training loss of every step (length {@code steps})
 * @param evals       held-out loss at the evaluation points
 * @param snapshots   attention snapshots, by step
 * @param bayesLoss   Bayes predictor's loss on the held-out batch
 * @param unigramLoss unigram baseline's loss on the held-out batch
 * @param uniformLoss {@code ln S}
 */
public record TrainingResult(SequenceTask task, Transformer model, int steps, int batch, OptimiserConfig optimiser,
                          long seed, int threads, double seconds, double[] trainLoss, List<EvalPoint> evals,
                          List<AttentionSnapshot> snapshots, double bayesLoss, double unigramLoss,
                          double uniformLoss) {

    /**
     * A held-out loss.
     *
     * @param step step at which it was measured (before that step's update)
     * @param loss mean cross-entropy on the evaluation batch
     */
    public record EvalPoint(long step, double loss) {
    }

    /** Held-out loss of the trained model. */
    public double finalLoss() {
        return evals.get(evals.size() - 1).loss();
    }

    /** The snapshot taken at the end of training. */
    public AttentionSnapshot finalSnapshot() {
        return snapshots.get(snapshots.size() - 1);
    }

    /** Training steps per second (evaluation time included). */
    public double stepsPerSecond() {
        return steps / seconds;
    }

    /** {@code k}-step moving average of the training loss (for a smoother curve). */
    public double[] smoothedTrainLoss(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("window must be positive, got " + k);
        }
        double[] out = new double[trainLoss.length];
        double acc = 0;
        for (int i = 0; i < trainLoss.length; i++) {
            acc += trainLoss[i];
            if (i >= k) {
                acc -= trainLoss[i - k];
            }
            out[i] = acc / Math.min(i + 1, k);
        }
        return out;
    }

    /** A one-line summary. */
    public String summary() {
        AttentionSnapshot s = finalSnapshot();
        return String.format("%s S=%d T=%d: %d steps x %d in %.1f s; loss %.4f (Bayes %.4f, unigram %.4f, uniform %.4f);"
                        + " parent attention %.3f, parent recovery %.2f, induction %.3f (query rows with a target; all rows %.3f)",
                task.name(), task.vocabSize(), task.seqLen(), steps, batch, seconds, finalLoss(), bayesLoss,
                unigramLoss, uniformLoss, s.meanParentAttention(task), s.parentRecovery(task), s.queryInductionScore(),
                s.allRowsInductionScore());
    }

    @Override
    public String toString() {
        return "TrainingResult[" + summary() + "]";
    }
}
