package org.causalheads.incontext;

import org.causalheads.numeric.OptimiserConfig;
import org.causalheads.numeric.Schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Short seeded runs: learning happens, and threads do not change the result. */
class TrainingTest {

    /** Fraction of non-root rows whose layer-1 argmax must be the parent. */
    private static final double MOST = 0.8;

    @Test
    void shortChainRunLearnsThePreviousTokenHead() {
        InContextTree task = InContextTree.chain(5, 10);
        Transformer model = Transformer.zeros(task.vocabSize(), task.seqLen(), 1, 1);
        List<TransformerTrainer.Progress> seen = new ArrayList<>();
        TrainingResult run = TransformerTrainer.of(task).steps(600).batch(64)
                .optimiser(OptimiserConfig.adamw(0.03, 0))
                .evalEvery(100).snapshotAt(0)
                .onProgress(seen::add)
                .train(model);
        assertThat(run.finalLoss()).isLessThan(run.unigramLoss());
        assertThat(run.finalLoss()).isLessThan(run.uniformLoss());
        assertThat(run.finalLoss()).isLessThan(run.evals().get(0).loss());
        AttentionSnapshot end = run.finalSnapshot();
        assertThat(end.parentRecovery(task)).isGreaterThanOrEqualTo(MOST);
        AttentionSnapshot start = run.snapshots().get(0);
        assertThat(end.meanParentAttention(task)).isGreaterThan(start.meanParentAttention(task));
        // layer 2 becomes an induction head: its mass on the induction targets rises well above
        // what uniform attention gives, on the query row and on every row with a target
        assertThat(end.queryInductionScore()).isGreaterThan(2 * start.queryInductionScore());
        assertThat(end.allRowsInductionScore()).isGreaterThan(1.5 * start.allRowsInductionScore());
        assertThat(run.snapshots()).extracting(AttentionSnapshot::step).containsExactly(0L, 600L);
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1).step()).isEqualTo(600);
        assertThat(run.trainLoss()).hasSize(600);
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalParameters() {
        SequenceTask task = InContextTree.randomTree(3, 8, 0.3, 2);
        double[][] results = new double[2][];
        for (int th = 1; th <= 2; th++) {
            Transformer m = Transformer.zeros(task.vocabSize(), task.seqLen(), 2, 1).withRandomAttention(1e-2, 3);
            TransformerTrainer.of(task).steps(40).batch(33).threads(th).optimiser(OptimiserConfig.adamw(0.01, 1e-4))
                    .evalEvery(0).evalBatch(16, 1).train(m);
            results[th - 1] = m.parameters();
        }
        assertThat(results[1]).containsExactly(results[0]);
    }

    @Test
    void snapshotRowsAreDistributionsAndAgreeWithTheFastPath() {
        SequenceTask task = InContextTree.chain(4, 7);
        Transformer m = Transformer.zeros(task.vocabSize(), task.seqLen(), 1, 1).withRandomAttention(0.5, 9);
        Batch batch = task.sample(20, 2);
        AttentionSnapshot snap = AttentionSnapshot.of(m, batch, 0);
        for (int l = 0; l < 2; l++) {
            double[][] p = snap.pattern(l, 0);
            for (int i = 0; i < p.length; i++) {
                double sum = 0;
                for (int j = 0; j < p.length; j++) {
                    sum += p[i][j];
                    if (j > i) {
                        assertThat(p[i][j]).isZero();
                    }
                }
                assertThat(sum).isCloseTo(1.0, within(1e-12));
            }
        }
        assertThat(snap.evalLoss()).isCloseTo(m.loss(batch), within(1e-12));
    }

    /**
     * At zero initialisation every head attends uniformly, so the query row's induction score is
     * the mean share {@code #targets / T} of positions whose previous token is the query token.
     */
    @Test
    void inductionScoreAtZeroInitialisationIsTheShareOfTargets() {
        SequenceTask task = InContextTree.chain(4, 9);
        int t = task.seqLen();
        Batch batch = task.sample(200, 5);
        AttentionSnapshot snap = AttentionSnapshot.of(Transformer.zeros(task.vocabSize(), task.seqLen(), 1, 1), batch, 0);
        double share = 0;
        int matched = 0;
        for (int b = 0; b < batch.size(); b++) {
            int hits = 0;
            for (int j = 1; j < t; j++) {
                if (batch.token(b, j - 1) == batch.token(b, t - 1)) {
                    hits++;
                }
            }
            if (hits > 0) {
                share += (double) hits / t;
                matched++;
            }
        }
        assertThat(matched).isPositive();
        assertThat(snap.queryInductionScore()).isCloseTo(share / matched, within(1e-12));
        assertThat(snap.inductionScore()).isCloseTo(share / batch.size(), within(1e-12));
        assertThat(snap.queryTargetShare()).isCloseTo((double) matched / batch.size(), within(1e-12));
    }

    @Test
    void cosineScheduleDecaysToZero() {
        assertThat(Schedule.COSINE.factor(0, 100)).isEqualTo(1.0);
        assertThat(Schedule.COSINE.factor(50, 100)).isCloseTo(0.5, within(1e-12));
        assertThat(Schedule.COSINE.factor(100, 100)).isCloseTo(0.0, within(1e-12));
        assertThat(Schedule.CONSTANT.factor(70, 100)).isEqualTo(1.0);
    }
}
