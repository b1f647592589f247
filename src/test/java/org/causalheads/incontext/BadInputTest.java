package org.causalheads.incontext;

import org.causalheads.numeric.OptimiserConfig;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.causalheads.dag.Dag;
import org.junit.jupiter.api.Test;

/** Bad input is rejected with a message naming the value and what was expected. */
class BadInputTest {

    @Test
    void taskArguments() {
        assertThatThrownBy(() -> InContextTree.chain(5, 10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha").hasMessageContaining("0.0");
        assertThatThrownBy(() -> InContextTree.chain(5, 10, -1)).hasMessageContaining("-1.0");
        assertThatThrownBy(() -> InContextTree.chain(5, 10, Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> InContextTree.chain(1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("S").hasMessageContaining("1");
        assertThatThrownBy(() -> InContextTree.chain(5, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T = 2");
        assertThatThrownBy(() -> InContextTree.of(3, new int[] {-1, 0, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parent 2 of position 2");
        assertThatThrownBy(() -> InContextTree.of(3, Dag.of(new int[][] {{}, {}, {0, 1}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 parents");
        assertThatThrownBy(() -> InContextTree.randomTree(3, 8, 1.5, 1)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> InContextDag.of(3, Dag.of(new int[][] {{}, {0}, {}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target node 2");
    }

    @Test
    void modelArguments() {
        SequenceTask task = InContextTree.chain(3, 5);
        assertThatThrownBy(() -> Transformer.zeros(task.vocabSize(), task.seqLen())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[]");
        assertThatThrownBy(() -> Transformer.zeros(task.vocabSize(), task.seqLen(), 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 0]");
        Transformer wrong = Transformer.zeros(3, 6, 1, 1);
        assertThatThrownBy(() -> TransformerTrainer.of(task).steps(1).train(wrong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("T=6");
    }

    @Test
    void trainingArguments() {
        SequenceTask task = InContextTree.chain(3, 5);
        assertThatThrownBy(() -> OptimiserConfig.sgd(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning rate").hasMessageContaining("0.0");
        assertThatThrownBy(() -> OptimiserConfig.sgd(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> OptimiserConfig.adamw(-0.1, 0)).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> TransformerTrainer.of(task).batch(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch").hasMessageContaining("0");
        assertThatThrownBy(() -> TransformerTrainer.of(task).steps(-3)).hasMessageContaining("-3");
        assertThatThrownBy(() -> task.sample(-1, 0)).hasMessageContaining("-1");
        assertThatThrownBy(() -> GradientProbe.gradientAtInit(task, 10, -2, 1)).hasMessageContaining("-2");
    }
}
