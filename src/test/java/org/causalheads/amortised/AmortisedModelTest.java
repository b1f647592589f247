package org.causalheads.amortised;

import org.causalheads.numeric.GradientCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmortisedModelTest {

    private static final AmortisedModel.Shape SHAPE = new AmortisedModel.Shape(5, 3, 4, 1.0);
    private static final double FD_STEP = 1e-5;
    private static final double FD_TOL = 1e-6;

    private static Moments moments(long seed, int n) {
        return Moments.of(Domains.of(Domains.Setting.SHARED_DAG, 5, 1.0, 1.0, 3).domain((int) seed).sample(n, seed + 10));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void backwardPassMatchesFiniteDifferences(int passes) {
        AmortisedModel.Shape shape = new AmortisedModel.Shape(5, 3, 4, 1.0, passes);
        Moments mo = moments(0, 30);
        double[] theta = AmortisedModel.init(shape, 2).parameters();
        // move u, c (and v, c₂) to a generic point so their gradients are exercised
        int tail = passes == 2 ? 6 : 4;
        for (int k = 0; k < tail; k++) {
            theta[theta.length - tail + k] = 0.35 * (k % 3) - 0.3;
        }
        AmortisedModel m = AmortisedModel.of(shape, theta);
        double lambda1 = 0.1, rho = 3, alpha = 0.7;
        double[] g = new double[theta.length];
        m.lossAndGradient(mo, lambda1, rho, alpha, g, 1.0);
        GradientCheck check = GradientCheck.of(p -> AmortisedModel.of(shape, p).loss(mo).total(lambda1, rho, alpha),
                theta, g, FD_STEP);
        assertThat(check.maxAbsoluteDifference()).as("gradient is not trivially zero").isGreaterThan(1e-3);
        assertThat(check.maxRelativeError()).as("%s of %d parameters", check, theta.length).isLessThan(FD_TOL);
    }

    @Test
    void gradientIsAddedWithItsWeight() {
        Moments mo = moments(1, 20);
        AmortisedModel m = AmortisedModel.init(SHAPE, 4);
        double[] once = new double[SHAPE.parameterCount()];
        double[] twice = new double[SHAPE.parameterCount()];
        m.lossAndGradient(mo, 0.1, 1, 0, once, 1.0);
        m.lossAndGradient(mo, 0.1, 1, 0, twice, 0.5);
        m.lossAndGradient(mo, 0.1, 1, 0, twice, 0.5);
        for (int k = 0; k < once.length; k++) {
            assertThat(twice[k]).isCloseTo(once[k], within(1e-12));
        }
    }

    @Test
    void adjacencyHasZeroDiagonalAndIgnoresSampleOrder() {
        LinearSem sem = Domains.of(Domains.Setting.SHARED_DAG, 5, 1.0, 1.0, 3).domain(0);
        DMatrixRMaj x = sem.sample(12, 5);
        DMatrixRMaj shuffled = new DMatrixRMaj(12, 5);
        for (int r = 0; r < 12; r++) {
            for (int j = 0; j < 5; j++) {
                shuffled.set(r, j, x.get(11 - r, j));
            }
        }
        AmortisedModel m = AmortisedModel.init(SHAPE, 1);
        double[][] a = m.predict(x), b = m.predict(shuffled);
        for (int i = 0; i < 5; i++) {
            assertThat(a[i][i]).isZero();
            for (int j = 0; j < 5; j++) {
                assertThat(b[i][j]).isCloseTo(a[i][j], within(1e-12));
            }
        }
    }

    @Test
    void openGatesAndLargeNGiveTheLeastSquaresRegressionOnAllOthers() {
        // with every gate near 1 and γ/n -> 0, column j is the OLS of X_j on the other variables
        double[] theta = new double[SHAPE.parameterCount()];
        theta[theta.length - 1] = 30; // c: gates σ(30) ≈ 1
        AmortisedModel m = AmortisedModel.of(new AmortisedModel.Shape(5, 3, 4, 1e-9), theta);
        LinearSem sem = Domains.of(Domains.Setting.SHARED_DAG, 5, 1.0, 1.0, 3).domain(0);
        DMatrixRMaj x = sem.sample(200, 5);
        double[][] a = m.predict(x);
        // residual of column j is orthogonal to every other column (normal equations)
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 5; i++) {
                if (i == j) {
                    continue;
                }
                double dot = 0;
                for (int r = 0; r < 200; r++) {
                    double res = x.get(r, j);
                    for (int k = 0; k < 5; k++) {
                        res -= x.get(r, k) * a[k][j];
                    }
                    dot += res * x.get(r, i);
                }
                assertThat(dot / 200).isCloseTo(0.0, within(1e-6));
            }
        }
    }

    @Test
    void trainingIsDeterministicReportsProgressAndEndsNearlyAcyclic() {
        Domains fam = Domains.of(Domains.Setting.SHARED_DAG, 5, 1.0, 1.0, 7);
        List<Moments> train = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            train.add(Moments.of(fam.domain(100 + k).sample(25, k)));
        }
        AmortisedTrainer.Config cfg = new AmortisedTrainer.Config(600, 0.02, 0.1, 16, 60, 1e4, 100, 3);
        List<AmortisedTrainer.Point> seen = new ArrayList<>();
        AmortisedTrainer.Result a = AmortisedTrainer.train(SHAPE, train, cfg, seen::add);
        AmortisedTrainer.Result b = AmortisedTrainer.train(SHAPE, train, cfg);
        assertThat(a.model().parameters()).isEqualTo(b.model().parameters());
        assertThat(seen).hasSize(6).isEqualTo(a.history());
        double hStart = a.history().get(0).h(), hEnd = a.history().get(a.history().size() - 1).h();
        assertThat(hEnd).isLessThan(1e-2).isLessThan(hStart);
        // zero-shot on held-out domains at n = 2d beats the empty graph
        double shd = 0, empty = 0;
        for (int k = 0; k < 10; k++) {
            LinearSem sem = fam.domain(k);
            shd += sem.score(a.model().predict(sem.sample(10, 500 + k)), 0.3).shd();
            empty += sem.edgeCount();
        }
        assertThat(shd).isLessThan(empty);
    }

    @Test
    void rejectsBadInputNamingTheValue() {
        assertThatThrownBy(() -> new AmortisedModel.Shape(1, 2, 2, 1)).hasMessageContaining("d = 1");
        assertThatThrownBy(() -> new AmortisedModel.Shape(4, 2, 2, 0)).hasMessageContaining("ridge = 0");
        assertThatThrownBy(() -> new AmortisedModel.Shape(4, 2, 2, 1, 3)).hasMessageContaining("passes = 3");
        assertThatThrownBy(() -> AmortisedModel.of(SHAPE, new double[3])).hasMessageContaining("got 3");
        AmortisedModel m = AmortisedModel.init(SHAPE, 1);
        assertThatThrownBy(() -> m.adjacency(Moments.of(new DMatrixRMaj(4, 3, true, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 4))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 variables");
        assertThatThrownBy(() -> AmortisedTrainer.train(SHAPE, List.of(), AmortisedTrainer.Config.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmortisedTrainer.Config(0, 0.1, 0.1, 1, 1, 10, 1, 0)).hasMessageContaining("steps = 0");
        assertThatThrownBy(() -> Moments.of(new DMatrixRMaj(3, 2))).hasMessageContaining("second moment 0");
    }
}
