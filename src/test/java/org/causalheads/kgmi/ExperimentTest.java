package org.causalheads.kgmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.causalheads.info.FDivergence;
import org.causalheads.info.KgForm;
import org.causalheads.info.Objective;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    private static final Problem P = Problem.builder().length(10).states(4).parents(2).extraRoots(1).seed(2).build();

    @Test
    void sampledRunWithGapAboveFourEpsilonRecoversTheDag() {
        ExperimentResult r = Experiment.on(P).samples(60_000).run();
        assertThat(r.epsilon()).isPresent();
        assertThat(r.delta()).isGreaterThan(4 * r.epsilon().getAsDouble());
        assertThat(r.stopEpoch()).isPresent();
        assertThat(r.estimate()).isEqualTo(P.dag());
        assertThat(r.scores().f1()).isEqualTo(1.0);
        assertThat(r.scores().shd()).isZero();
        assertThat(r.toJson()).contains("\"stopEpoch\"").contains("\"seed\": \"2\"").contains("\"n\": \"60000\"");
    }

    @Test
    void populationRunHasNoEpsilonAndPlainMiCollapses() {
        ExperimentResult kg = Experiment.on(P).run();
        assertThat(kg.epsilon()).isEmpty();
        ExperimentResult mi = Experiment.on(P).objective(Objective.PLAIN_MI).maxEpochs(2000).run();
        assertThat(mi.scores().headCollapseRate()).isEqualTo(1.0);
        assertThat(mi.provenance().toString()).contains("objective=PLAIN_MI");
    }

    @Test
    void chiSquaredStopsSoonerThanKl() {
        ExperimentResult kl = Experiment.on(P).divergence(FDivergence.KL).run();
        ExperimentResult chi = Experiment.on(P).divergence(FDivergence.CHI2).form(KgForm.VARIATIONAL).run();
        assertThat(chi.stopEpoch()).isPresent();
        assertThat(chi.stopEpoch().getAsInt()).isLessThan(kl.stopEpoch().getAsInt());
    }

    @Test
    void badInputNamesTheValue() {
        assertThatThrownBy(() -> Experiment.on(P).samples(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> Experiment.on(P).eta(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eta = -1.0");
        assertThatThrownBy(() -> Problem.builder().length(2).parents(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("T = 2");
        assertThatThrownBy(() -> Problem.builder().states(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S = 1");
        assertThatThrownBy(() -> Problem.builder().lambda(0.5, 0.25).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sums to 0.75");
    }
}
