package org.causalheads.incontext;

import org.causalheads.numeric.GradientCheck;
import org.causalheads.numeric.Rng;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/** Hand-written gradients against central finite differences, for every parameter. */
class GradientCheckTest {

    /** Step of the central difference. */
    private static final double STEP = 1e-5;
    /** Allowed error, relative to the largest gradient entry. */
    private static final double REL_TOL = 1e-7;

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("chain [1,1]", InContextTree.chain(3, 5), new int[] {1, 1}),
                Arguments.of("tree [2,1]", InContextTree.randomTree(3, 6, 0.3, 5), new int[] {2, 1}),
                Arguments.of("chain [1]", InContextTree.chain(3, 4), new int[] {1}),
                Arguments.of("chain [1,2,1]", InContextTree.chain(2, 4), new int[] {1, 2, 1}),
                Arguments.of("dag [2,1]", InContextDag.twoParents(2, 4), new int[] {2, 1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyParameterMatchesCentralDifferences(String label, SequenceTask task, int[] heads) {
        Transformer model = Transformer.zeros(task.vocabSize(), task.seqLen(), heads).withRandomAttention(0.7, 11);
        double[] theta = model.parameters();
        Rng rng = new Rng(3);
        for (int i = model.offsetW(); i < theta.length; i++) {
            theta[i] = 0.7 * rng.nextGaussian();
        }
        model.setParameters(theta);
        Batch batch = task.sample(3, 99);

        double[] grad = new double[theta.length];
        model.lossAndGradient(batch, grad);

        GradientCheck check = GradientCheck.of(p -> {
            model.setParameters(p);
            return model.loss(batch);
        }, theta, grad, STEP);
        model.setParameters(theta);
        double maxAbs = check.maxAbsoluteDifference();
        assertThat(maxAbs).as("gradient is not trivially zero").isGreaterThan(1e-3);
        assertThat(check.maxAbsoluteError()).as("max |analytic - finite difference|, %s", check)
                .isLessThan(REL_TOL * Math.max(1, maxAbs));
    }
}
