package org.causalheads.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.causalheads.bn.BayesNet;
import org.causalheads.bn.Networks;
import org.causalheads.dag.Edge;
import org.causalheads.dag.Scores;
import org.causalheads.info.FDivergence;
import org.causalheads.info.Objective;
import org.causalheads.attention.AscentConfig;
import org.causalheads.kgmi.Problem;
import org.junit.jupiter.api.Test;

class CompareTest {

    /** A, B (2 and 3 states) -> C (3 states) -> D (2 states): rectangular kernels, distinct slots. */
    static BayesNet small() {
        return BayesNet.builder("small")
                .variable("A", "a0", "a1")
                .variable("B", "b0", "b1", "b2")
                .variable("C", "c0", "c1", "c2")
                .variable("D", "d0", "d1")
                .root("A", 0.4, 0.6)
                .root("B", 0.3, 0.3, 0.4)
                .cpt("C", List.of("A", "B"), new double[][] {
                        {0.85, 0.10, 0.05}, {0.70, 0.05, 0.25}, {0.60, 0.30, 0.10},
                        {0.10, 0.80, 0.10}, {0.05, 0.60, 0.35}, {0.10, 0.10, 0.80}})
                .cpt("D", List.of("C"), new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.5, 0.5}})
                .build();
    }

    @Test
    void kgmiOnASmallNetworkWithDistinctSlotKernelsRecoversTheGraph() {
        ComparisonTask task = ComparisonTask.network(small(), 20_000, 3);
        for (FDivergence f : new FDivergence[] {FDivergence.KL, FDivergence.CHI2}) {
            NetworkKgmi.Fit fit = NetworkKgmi.fit(columns(task), task.kernels(), f, Objective.KG_MI, 0.5, 0.0,
                    AscentConfig.defaults().withMaxEpochs(200_000));
            Scores s = org.causalheads.dag.Metrics.score(task.truth(), fit.estimate());
            assertThat(s.f1()).as("F1 with %s", f).isGreaterThanOrEqualTo(0.99);
            // heads: max in-degree 2; D's second head and the roots' heads pick "no parent"
            assertThat(fit.picks()[3][1]).isEqualTo(-1);
            assertThat(fit.picks()[0]).containsOnly(-1);
            assertThat(fit.values()[0][2]).hasSize(3); // null + two candidates
        }
    }

    @Test
    void plainMiAttentionCollapsesOnTheSmallNetwork() {
        ComparisonTask task = ComparisonTask.network(small(), 20_000, 3);
        MethodResult r = new Method.AttentionMethod("MI", Objective.PLAIN_MI, FDivergence.KL).run(task);
        assertThat(r.ok()).isTrue();
        assertThat(r.score(task.truth()).headCollapseRate()).isEqualTo(1.0);
    }

    @Test
    void everyMethodReturnsAGraphRespectingTheOrderOnAsia() {
        ComparisonTask task = ComparisonTask.network(Networks.asia(), 5_000, 1);
        for (Method m : Method.defaults()) {
            MethodResult r = m.run(task);
            assertThat(r.ok()).as("%s: %s", m.label(), r.failure()).isTrue();
            for (Edge e : r.graph().edges()) {
                assertThat(!e.directed() || e.from() < e.to()).as("%s edge %s", m.label(), e).isTrue();
            }
        }
        MethodResult kl = Method.byLabels(List.of("KG-MI-KL")).get(0).run(task);
        assertThat(kl.score(task.truth()).f1()).isGreaterThan(0.6);
    }

    @Test
    void kgmiOnAKParentProblemMatchesThePaperSetting() {
        Problem p = Problem.builder().length(10).states(4).parents(2).strength(1.0).seed(2).build();
        ComparisonTask task = ComparisonTask.kparent(p, 20_000, 5);
        MethodResult kl = Method.byLabels(List.of("KG-MI-KL")).get(0).run(task);
        MethodResult mi = Method.byLabels(List.of("MI-attention")).get(0).run(task);
        assertThat(kl.score(task.truth()).f1()).isGreaterThanOrEqualTo(mi.score(task.truth()).f1());
        assertThat(mi.score(task.truth()).headCollapseRate()).isEqualTo(1.0);
        assertThat(kl.score(task.truth()).headCollapseRate()).isLessThan(0.5);
    }

    @Test
    void attentionThatRunsOutOfEpochsIsReportedAsNotConverged() {
        ComparisonTask network = ComparisonTask.network(small(), 2_000, 4);
        ComparisonTask kparent = ComparisonTask.kparent(Problem.builder().length(8).states(3).parents(2).seed(3).build(), 2_000, 9);
        for (ComparisonTask task : List.of(network, kparent)) {
            for (String label : List.of("KG-MI-KL", "MI-attention")) {
                Method.AttentionMethod m = (Method.AttentionMethod) Method.byLabels(List.of(label)).get(0);
                MethodResult cut = m.withConfig(AscentConfig.defaults().withMaxEpochs(1)).run(task);
                assertThat(cut.ok()).as("%s on %s: %s", label, task.name(), cut.failure()).isTrue();
                assertThat(cut.converged()).as("%s on %s, one epoch", label, task.name()).contains(false);
                ResultRow row = ResultRow.of(task, 4, cut);
                assertThat(row.notConverged()).isTrue();
                assertThat(row.csv().split(",", -1)[ResultRow.HEADER.indexOf("converged")]).isEqualTo("false");
                MethodResult full = m.run(task);
                assertThat(full.converged()).as("%s on %s, default budget", label, task.name()).contains(true);
                assertThat(ResultRow.of(task, 4, full).notConverged()).isFalse();
            }
            for (String label : List.of("PC-G2", "topK-MI")) {
                MethodResult r = Method.byLabels(List.of(label)).get(0).run(task);
                assertThat(r.converged()).as(label).isEmpty();
                assertThat(ResultRow.of(task, 4, r).converged()).isEmpty();
            }
        }
    }

    @Test
    void tooFewSamplesIsAFailureRowNotAnException() {
        ComparisonTask task = ComparisonTask.network(Networks.asia(), 5, 1);
        for (Method m : Method.defaults()) {
            MethodResult r = m.run(task);
            assertThat(r.failure()).as(m.label()).hasValueSatisfying(s -> assertThat(s).contains("too few samples"));
            assertThat(r.graph().edges()).isEmpty();
            assertThat(ResultRow.of(task, 1, r).csv()).contains("too few samples").doesNotContain("\n");
        }
    }

    @Test
    void resultRowsReadBackAsWrittenAndAnotherHeaderIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        ComparisonTask task = ComparisonTask.network(small(), 400, 2);
        List<ResultRow> rows = new java.util.ArrayList<>();
        for (Method m : Method.defaults()) {
            rows.add(ResultRow.of(task, "a=1 b=x", 2, m.run(task)));
        }
        java.nio.file.Path f = dir.resolve("r.csv");
        List<String> lines = new java.util.ArrayList<>(List.of(String.join(",", ResultRow.HEADER)));
        rows.forEach(r -> lines.add(r.csv()));
        java.nio.file.Files.write(f, lines);
        List<ResultRow> back = ResultRow.read(f);
        assertThat(back).hasSameSizeAs(rows);
        for (int q = 0; q < rows.size(); q++) {
            assertThat(back.get(q).csv()).isEqualTo(rows.get(q).csv());
            assertThat(back.get(q).key()).isEqualTo(rows.get(q).key());
        }
        java.nio.file.Path old = dir.resolve("old.csv");
        java.nio.file.Files.write(old, List.of("problem,method,n,seed", "asia,PC-G2,5,1"));
        assertThatThrownBy(() -> ResultRow.read(old)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("old.csv").hasMessageContaining("problem,method,n,seed");
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> Method.byLabels(List.of("NOTEARS"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NOTEARS").hasMessageContaining("KG-MI-KL");
        ComparisonTask task = ComparisonTask.network(small(), 100, 1);
        assertThatThrownBy(() -> NetworkKgmi.fit(new int[3][], task.kernels(), FDivergence.KL, Objective.KG_MI, 0.5, 0,
                AscentConfig.defaults())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 columns for 4 nodes");
        assertThatThrownBy(() -> task.kernels().kernel(3, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 3 has 1 kernel");
        assertThat(task.kernels().kernel(2, 0)).hasNumberOfRows(2);
        assertThat(task.kernels().kernel(2, 1)).hasNumberOfRows(3);
        assertThat(task.kernels().kernel(2, 1)[0]).hasSize(3);
    }

    static int[][] columns(ComparisonTask t) {
        int[][] c = new int[t.data().size()][];
        for (int j = 0; j < c.length; j++) {
            c[j] = t.data().column(j);
        }
        return c;
    }
}
