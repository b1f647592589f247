package org.causalheads.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.causalheads.attention.AscentConfig;
import org.causalheads.baselines.DiscreteData;
import org.causalheads.bn.Networks;
import org.causalheads.dag.Dag;
import org.causalheads.dag.Metrics;
import org.causalheads.info.FDivergence;
import org.causalheads.info.JointTable;
import org.causalheads.kgmi.Problem;
import org.junit.jupiter.api.Test;

class EstimatedKgmiTest {

    static Problem easy(long seed) {
        return Problem.builder().length(10).states(4).parents(2).strength(1.0).seed(seed).build();
    }

    @Test
    void itsOnlyInputIsTheDataAndTheOrder() throws Exception {
        // by construction: fit takes the samples (with their state counts and names, columns in order) and settings, nothing else
        List<Method> fits = Arrays.stream(EstimatedKgmi.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("fit") && java.lang.reflect.Modifier.isPublic(m.getModifiers())).toList();
        assertThat(fits).hasSize(1);
        assertThat(fits.get(0).getParameterTypes()).containsExactly(DiscreteData.class, EstimatedKgmi.Settings.class);
        // and the method reads nothing else of a task: other kernels and another "truth" change nothing
        ComparisonTask task = ComparisonTask.kparent(easy(3), 3_000, 1003);
        ComparisonTask wrongKernels = task.withSharedKernels("other kernels", easy(99).process().slotKernels());
        Dag empty = Dag.of(new int[task.data().size()][0]);
        ComparisonTask otherTruth = new ComparisonTask("other truth", task.data(), empty, NodeKernels.shared(empty, easy(99).process().slotKernels()),
                java.util.Optional.empty());
        org.causalheads.compare.Method est = new org.causalheads.compare.Method.EstimatedAttention("est", FDivergence.KL);
        MethodResult a = est.run(task), b = est.run(wrongKernels), c = est.run(otherTruth);
        assertThat(a.ok()).isTrue();
        assertThat(b.graph().edges()).isEqualTo(a.graph().edges());
        assertThat(c.graph().edges()).isEqualTo(a.graph().edges());
        assertThat(b.picks().get()).isDeepEqualTo(a.picks().get());
        assertThat(EstimatedKgmi.fit(task.data(), EstimatedKgmi.Settings.defaults(FDivergence.KL)).estimate().edges())
                .containsExactlyInAnyOrderElementsOf(a.graph().edges());
    }

    @Test
    void recoversAnEasyKParentProblemAtLargeN() {
        for (long seed : new long[] {1, 2}) {
            Problem p = easy(seed);
            ComparisonTask task = ComparisonTask.kparent(p, 50_000, 1000 + seed);
            for (FDivergence f : new FDivergence[] {FDivergence.KL, FDivergence.CHI2}) {
                EstimatedKgmi.Fit fit = EstimatedKgmi.fit(task.data(), EstimatedKgmi.Settings.defaults(f));
                assertThat(Metrics.score(p.dag(), fit.estimate()).f1()).as("seed %d %s", seed, f).isEqualTo(1.0);
                assertThat(fit.converged()).isTrue();
                assertThat(fit.attentionStopped()).isTrue();
                // the estimated in-degrees are the true ones, and on an MTD process each estimated slot kernel is close to
                // the slot's marginal kernel Π_ℓ (the CPT averaged over the other parent at its marginal)
                for (int i = 0; i < p.length(); i++) {
                    assertThat(fit.kernelParents()[i]).as("node %d", i).containsExactlyInAnyOrder(p.dag().parents(i));
                    for (int l = 0; l < fit.kernelParents()[i].length; l++) {
                        int slot = indexOf(p.dag().parents(i), fit.kernelParents()[i][l]);
                        double[][] truth = p.process().slotKernels().get(slot).toArray(), est = fit.kernels()[i][l];
                        for (int a = 0; a < truth.length; a++) {
                            for (int b = 0; b < truth.length; b++) {
                                assertThat(est[a][b]).as("node %d slot %d (%d,%d)", i, slot, a, b).isCloseTo(truth[a][b],
                                        org.assertj.core.data.Offset.offset(0.03));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theFixedPointLoopTerminatesIsDeterministicAndAFixedPointIsOne() {
        DiscreteData d = ComparisonTask.network(Networks.asia(), 10_000, 1).data();
        EstimatedKgmi.Settings s = EstimatedKgmi.Settings.defaults(FDivergence.KL);
        EstimatedKgmi.Fit a = EstimatedKgmi.fit(d, s), b = EstimatedKgmi.fit(d, s);
        assertThat(a.estimate().edges()).isEqualTo(b.estimate().edges());
        assertThat(a.picks()).isDeepEqualTo(b.picks());
        assertThat(a.rounds()).isEqualTo(b.rounds());
        assertThat(a.iterations()).isBetween(1, s.maxIterations());
        assertThat(a.converged()).isTrue();
        // at a fixed point the readout is the parent set its kernels were estimated from
        for (int i = 0; i < d.size(); i++) {
            assertThat(a.kernelParents()[i]).as("node %d", i).containsExactlyInAnyOrder(a.estimate().parents(i));
        }
        // a cap below the rounds some node needs ends the loop, reported as not converged
        if (a.iterations() > 1) {
            EstimatedKgmi.Fit capped = EstimatedKgmi.fit(d, s.withMaxIterations(a.iterations() - 1));
            assertThat(capped.converged()).isFalse();
            assertThat(capped.iterations()).isEqualTo(a.iterations() - 1);
            MethodResult r = new org.causalheads.compare.Method.EstimatedAttention("est", s.withMaxIterations(a.iterations() - 1))
                    .run(ComparisonTask.network(Networks.asia(), 10_000, 1));
            assertThat(r.converged()).contains(false);
        }
        // another sample seed gives another sample, still a terminating, converged loop
        EstimatedKgmi.Fit other = EstimatedKgmi.fit(ComparisonTask.network(Networks.asia(), 10_000, 2).data(), s);
        assertThat(other.iterations()).isBetween(1, s.maxIterations());
    }

    @Test
    void badInputsAreRefusedNamingTheValue() {
        AscentConfig c = AscentConfig.defaults();
        double a = JointTable.DEFAULT_SMOOTHING;
        assertThatThrownBy(() -> new EstimatedKgmi.Settings(FDivergence.KL, a, 0, 0.01, 20, c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxParents = 0");
        assertThatThrownBy(() -> new EstimatedKgmi.Settings(FDivergence.KL, a, 3, 1.5, 20, c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level = 1.5");
        assertThatThrownBy(() -> new EstimatedKgmi.Settings(FDivergence.KL, -1, 3, 0.01, 20, c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smoothing = -1.0");
        assertThatThrownBy(() -> new EstimatedKgmi.Settings(FDivergence.KL, a, 3, 0.01, 0, c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIterations = 0");
        assertThatThrownBy(() -> EstimatedKgmi.fit(null, EstimatedKgmi.Settings.defaults(FDivergence.KL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be null");
        int[][] rows = new int[50][6];
        int[] states = {60, 60, 60, 60, 60, 60};
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < 6; j++) {
                rows[r][j] = (r * (j + 1)) % 60;
            }
        }
        assertThatThrownBy(() -> EstimatedKgmi.fit(DiscreteData.of(rows, states), EstimatedKgmi.Settings.defaults(FDivergence.KL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxParents = 3").hasMessageContaining("12960000");
        // a method run reports the refusal as a failure row, naming the value
        MethodResult r = new org.causalheads.compare.Method.EstimatedAttention("est", FDivergence.KL)
                .run(new ComparisonTask("wide", DiscreteData.of(rows, states), Dag.of(new int[6][0]),
                        NodeKernels.shared(Dag.of(new int[6][0]), easy(1).process().slotKernels()), java.util.Optional.empty()));
        assertThat(r.failure()).hasValueSatisfying(m -> assertThat(m).contains("maxParents = 3"));
    }

    private static int indexOf(int[] a, int x) {
        for (int q = 0; q < a.length; q++) {
            if (a[q] == x) {
                return q;
            }
        }
        throw new IllegalArgumentException(x + " not in " + Arrays.toString(a));
    }
}
