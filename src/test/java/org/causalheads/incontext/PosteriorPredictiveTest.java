package org.causalheads.incontext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.causalheads.numeric.Rng;
import org.junit.jupiter.api.Test;

/**
 * The full-context posterior predictive: exact on a two-state case integrated by quadrature,
 * converging as draws grow, equal to the context-transition baseline when the roots are ignored,
 * and no worse than that baseline on seeded data.
 */
class PosteriorPredictiveTest {

    /** Two states, α = 1/2: positions 0 and 1 are roots, 2 is a child of 0, 3 is the query. */
    private static final InContextTree TINY = InContextTree.of(2, new int[] {-1, -1, 0}, 0.5);

    /**
     * The exact posterior mean of {@code π(1|q)} for the context {@code x0 = x1 = 0, x2 = 1} by a
     * 2-D midpoint rule. With {@code a = π(1|0)}, {@code b = π(0|1)}: {@code μ(0) = b/(a+b)}; the
     * likelihood is {@code μ(0)² · a}; Beta(½, ½) priors become uniform under
     * {@code a = sin²θ}, {@code b = sin²φ}.
     */
    private static double exactProbabilityOfOne(int query) {
        int n = 1500;
        double h = Math.PI / 2 / n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double sa = Math.sin((i + 0.5) * h);
            double a = sa * sa;
            for (int j = 0; j < n; j++) {
                double sb = Math.sin((j + 0.5) * h);
                double b = sb * sb;
                double mu0 = b / (a + b);
                double w = mu0 * mu0 * a;
                den += w;
                num += w * (query == 0 ? a : 1 - b);   // π(1|0) = a, π(1|1) = 1 − b
            }
        }
        return num / den;
    }

    private static double estimate(PosteriorPredictive pp, int[] x, long seed) {
        return pp.predict(x, 0, new Rng(seed)).mean()[1];
    }

    @Test
    void matchesQuadratureOnTwoStatesAndDiffersFromTheContextBaseline() {
        for (int q = 0; q < 2; q++) {
            int[] x = {0, 0, 1, q};
            double exact = exactProbabilityOfOne(q);
            double is = estimate(PosteriorPredictive.of(TINY, 400_000), x, 11 + q);
            assertThat(is).as("query %d", q).isCloseTo(exact, within(0.004));
            double[] ctx = new double[2];
            TINY.bayes(x, 0, ctx);
            // the roots say μ(0) is large, which moves both rows: the context baseline misses it
            assertThat(Math.abs(ctx[1] - exact)).as("query %d: baseline %.4f vs exact %.4f", q, ctx[1], exact)
                    .isGreaterThan(0.03);
        }
    }

    @Test
    void errorShrinksAsDrawsGrow() {
        int[] x = {0, 0, 1, 1};
        double exact = exactProbabilityOfOne(1);
        int[] draws = {500, 8_000, 128_000};
        double[] rms = new double[draws.length];
        int seeds = 8;
        for (int k = 0; k < draws.length; k++) {
            PosteriorPredictive pp = PosteriorPredictive.of(TINY, draws[k]);
            double ss = 0;
            for (int r = 0; r < seeds; r++) {
                double e = estimate(pp, x, 1000 * k + r) - exact;
                ss += e * e;
            }
            rms[k] = Math.sqrt(ss / seeds);
        }
        // Monte-Carlo error falls like 1/√draws: 16× the draws should cut it about 4×
        assertThat(rms[1]).as("rms %s", java.util.Arrays.toString(rms)).isLessThan(rms[0] / 2);
        assertThat(rms[2]).as("rms %s", java.util.Arrays.toString(rms)).isLessThan(rms[1] / 2);
        assertThat(rms[2]).isLessThan(0.005);
    }

    @Test
    void ignoringTheRootsRecoversTheContextTransitionBaseline() {
        InContextTree task = InContextTree.randomTree(3, 12, 0.5, 4);
        Batch batch = task.sample(4, 3);
        PosteriorPredictive ignoring = PosteriorPredictive.of(task, 50_000).ignoringRoots();
        for (int b = 0; b < batch.size(); b++) {
            PosteriorPredictive.Estimate e = ignoring.predict(batch.sequence(b), 0, new Rng(b));
            assertThat(e.ess()).isEqualTo(50_000, within(1e-6));   // unit weights
            double[] ctx = task.bayes(batch, b);
            for (int a = 0; a < 3; a++) {
                assertThat(e.mean()[a]).as("sequence %d, state %d", b, a).isCloseTo(ctx[a], within(0.005));
            }
        }
    }

    @Test
    void noWorseThanTheContextBaselineAndBracketedByThePosteriorEntropy() {
        // many roots (root probability 0.7): the roots carry much of what is known about π
        InContextTree task = InContextTree.randomTree(3, 16, 0.7, 2);
        Batch batch = task.sample(800, 21);
        PosteriorPredictive.Bound bound = PosteriorPredictive.of(task, 200).bound(batch, 5);
        double diff = bound.meanDifference();
        double se = bound.differenceStandardError();
        assertThat(diff).as("bound − baseline %.4f ± %.4f", diff, se).isLessThan(-3 * se);
        // both are estimates of E[H(E[π_q | x])]: they agree within the targets' sampling error
        assertThat(bound.meanEntropy()).isCloseTo(bound.meanLoss(), within(3 * bound.lossStandardError()));
        assertThat(bound.minEss()).isGreaterThanOrEqualTo(1.0).isLessThanOrEqualTo(200.0);
        // a different draw stream moves the batch mean by Monte-Carlo error only
        PosteriorPredictive.Bound again = PosteriorPredictive.of(task, 200).bound(batch, 6);
        assertThat(again.meanLoss()).isCloseTo(bound.meanLoss(), within(0.01));
        assertThat(again.meanContextLoss()).isEqualTo(bound.meanContextLoss());
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> PosteriorPredictive.of(TINY, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("draws").hasMessageContaining("0");
        PosteriorPredictive pp = PosteriorPredictive.of(TINY, 10);
        assertThatThrownBy(() -> pp.predict(new int[] {0, 0, 1}, 0, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 tokens");
        assertThatThrownBy(() -> pp.predict(new int[] {0, 2, 1, 0}, 0, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token 2");
        Batch other = InContextTree.chain(2, 5).sample(2, 1);
        assertThatThrownBy(() -> pp.bound(other, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T=5");
    }
}
