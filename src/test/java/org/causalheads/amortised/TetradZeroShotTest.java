package org.causalheads.amortised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.causalheads.baselines.BaselineResult;
import org.causalheads.baselines.ContinuousSearch;
import org.causalheads.dag.Edge;
import org.causalheads.dag.MixedGraph;
import org.causalheads.dag.Scores;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tetrad's continuous methods in the zero-shot benchmark: what they recover on seeded linear-Gaussian
 * data, the CPDAG scoring convention by its definition, failures on singular samples, keys that
 * leave older rows valid, and older CSVs read and upgraded.
 */
class TetradZeroShotTest {

    private static final List<ZeroShotMethod> TETRAD = List.of(ZeroShotMethod.PC, ZeroShotMethod.FGES, ZeroShotMethod.BOSS);

    @TempDir
    Path dir;

    /** A chain with a collider, weights well away from zero, in a scrambled label order. */
    private static LinearSem collider() {
        // ranks: 0 -> 2 <- 1, 2 -> 3, 3 -> 4 (in labels through order)
        int[] order = {3, 0, 4, 1, 2};
        double[][] w = new double[5][5];
        w[order[0]][order[2]] = 1.0;
        w[order[1]][order[2]] = -1.2;
        w[order[2]][order[3]] = 0.9;
        w[order[3]][order[4]] = 1.1;
        return LinearSem.of(w, order, 1.0);
    }

    @Test
    void atLargeNEveryMethodRecoversTheSkeletonAndTheColliderOrientations() {
        LinearSem sem = collider();
        DMatrixRMaj x = sem.sample(20_000, 5);
        for (ContinuousSearch.Method m : ContinuousSearch.Method.values()) {
            BaselineResult r = ContinuousSearch.run(m, x);
            assertThat(r.ok()).as(m + ": " + r.failure()).isTrue();
            Scores s = sem.score(r.graph());
            assertThat(s.skeletonF1()).as(m + " skeleton").isEqualTo(1.0);
            // the v-structure 0 -> 2 <- 1 and everything downstream of it is identifiable: the CPDAG is the DAG
            assertThat(s.shd()).as(m + " SHD").isZero();
            assertThat(s.f1()).as(m + " directed F1").isEqualTo(1.0);
        }
    }

    @Test
    void onBenchmarkDomainsAtLargeNTheSkeletonIsNearlyRecoveredOnRawAndStandardisedData() {
        for (boolean std : new boolean[] {false, true}) {
            ZeroShotBenchmark b = ZeroShotBenchmark.defaults(6).withNs(3000).withTestDomains(3).withStandardise(std);
            Domains fam = b.family(Domains.Setting.SHARED_ORDER, 9);
            List<ZeroShotRow> rows = b.evaluate(fam, null, TETRAD);
            assertThat(rows).hasSize(3 * TETRAD.size());
            for (ZeroShotRow r : rows) {
                assertThat(r.failed()).as(r.key()).isFalse();
                assertThat(r.skeletonF1()).as(r.method() + " domain " + r.domain() + " " + b.data()).isGreaterThanOrEqualTo(0.8);
                // SHD splits into skeleton errors, reversals and open orientations: never below the skeleton part
                assertThat(r.shd()).isGreaterThanOrEqualTo(r.skeletonShd() + r.undirected());
                assertThat(r.settings()).startsWith(b.settings() + " tetrad=");
            }
            double mean = rows.stream().mapToDouble(ZeroShotRow::skeletonF1).average().orElseThrow();
            assertThat(mean).as("mean skeleton F1, " + b.data()).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void fisherZAndSemBicAreScaleFreeSoStandardisingChangesNoEstimate() {
        // the variance cue is invisible to these methods: correlations and Gaussian likelihood ratios
        // do not change when a column is rescaled, so raw and standardised samples give the same graph
        ZeroShotBenchmark raw = ZeroShotBenchmark.defaults(8).withNs(40, 200).withTestDomains(3);
        Domains fam = raw.family(Domains.Setting.SHARED_ORDER, 4);
        List<ZeroShotRow> a = raw.evaluate(fam, null, TETRAD);
        List<ZeroShotRow> b = raw.withStandardise(true).evaluate(fam, null, TETRAD);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).method()).isEqualTo(a.get(i).method());
            assertThat(b.get(i).shd()).as(a.get(i).key()).isEqualTo(a.get(i).shd());
            assertThat(b.get(i).skeletonShd()).isEqualTo(a.get(i).skeletonShd());
            assertThat(b.get(i).undirected()).isEqualTo(a.get(i).undirected());
            assertThat(b.get(i).f1()).isEqualTo(a.get(i).f1());
        }
    }

    @Test
    void aCpdagIsScoredByTheConvention() {
        LinearSem sem = collider();
        int[] o = {3, 0, 4, 1, 2}; // label of each rank
        // in ranks: 0 -> 2 found directed, 1 -- 2 undirected, 2 -> 3 reversed, 3 -> 4 missing, 0 -- 4 extra (undirected)
        MixedGraph est = MixedGraph.of(5, List.of(Edge.directed(o[0], o[2]), Edge.undirected(o[1], o[2]), Edge.directed(o[3], o[2]),
                Edge.undirected(o[0], o[4])));
        Scores s = sem.score(est);
        int trueEdges = 4, estimated = 4, correct = 1, undirectedOnTruth = 1, reversed = 1, missing = 1, extra = 1;
        assertThat(s.shd()).isEqualTo(extra + missing + reversed + undirectedOnTruth);
        assertThat(s.precision()).isCloseTo((double) correct / estimated, within(1e-12));
        assertThat(s.recall()).isCloseTo((double) correct / trueEdges, within(1e-12));
        double skP = (double) (estimated - extra) / estimated, skR = (double) (trueEdges - missing) / trueEdges;
        assertThat(s.skeletonF1()).isCloseTo(2 * skP * skR / (skP + skR), within(1e-12));
        assertThat(s.undirected()).isEqualTo(undirectedOnTruth);
        // an undirected edge costs what a reversal costs, and a directed true edge nothing
        MixedGraph truthAsCpdag = MixedGraph.of(5, List.of(Edge.undirected(o[0], o[2]), Edge.directed(o[1], o[2]),
                Edge.directed(o[2], o[3]), Edge.directed(o[3], o[4])));
        MixedGraph oneReversed = MixedGraph.of(5, List.of(Edge.directed(o[2], o[0]), Edge.directed(o[1], o[2]),
                Edge.directed(o[2], o[3]), Edge.directed(o[3], o[4])));
        assertThat(sem.score(truthAsCpdag).shd()).isEqualTo(1).isEqualTo(sem.score(oneReversed).shd());
        assertThat(sem.score(truthAsCpdag).skeletonF1()).isEqualTo(1.0);
        assertThat(sem.score(truthAsCpdag).recall()).isCloseTo(3.0 / 4, within(1e-12));
        // the row carries the same numbers, skeleton SHD = extra + missing
        ZeroShotRow row = ZeroShotRow.of("a", 5, "raw", 1, "x=1", 100, 0, "PC", s, true, 1.0);
        assertThat(row.skeletonShd()).isEqualTo(extra + missing);
        assertThat(row.shd() - row.skeletonShd() - row.undirected()).isEqualTo(reversed);
        // the directed part's acyclicity ignores undirected edges
        assertThat(ZeroShotBenchmark.directedPartAcyclic(est)).isTrue();
        MixedGraph cycle = MixedGraph.of(3, List.of(Edge.directed(0, 1), Edge.directed(1, 2), Edge.directed(2, 0)));
        assertThat(ZeroShotBenchmark.directedPartAcyclic(cycle)).isFalse();
        assertThat(ZeroShotBenchmark.directedPartAcyclic(MixedGraph.of(3, List.of(Edge.directed(0, 1), Edge.directed(1, 2),
                Edge.undirected(2, 0))))).isTrue();
    }

    @Test
    void singularSamplesGiveFailedRowsThatSummariesAndPairsLeaveOut() throws Exception {
        int d = 6;
        ZeroShotBenchmark b = ZeroShotBenchmark.defaults(d).withNs(d, 10 * d).withTestDomains(2);
        Domains fam = b.family(Domains.Setting.SHARED_DAG, 3);
        List<ZeroShotMethod> ms = List.of(ZeroShotMethod.EMPTY_GRAPH, ZeroShotMethod.PC, ZeroShotMethod.FGES, ZeroShotMethod.BOSS);
        List<ZeroShotRow> rows = b.evaluate(fam, null, ms);
        for (ZeroShotRow r : rows) {
            boolean tetrad = !r.method().equals("empty graph");
            assertThat(r.failed()).as(r.key()).isEqualTo(tetrad && r.n() <= d);
            if (r.failed()) {
                assertThat(r.failure()).contains("n = " + r.n()).contains("d = " + d).doesNotContain(",");
                assertThat(r.shd()).isNaN();
                assertThat(r.f1()).isNaN();
                assertThat(r.skeletonF1()).isNaN();
                assertThat(r.estimatedEdges()).isZero();
                assertThat(r.trueEdges()).isEqualTo(fam.domain(r.domain()).edgeCount());
            }
        }
        List<ZeroShotSummary> sums = ZeroShotSummary.of(rows);
        ZeroShotSummary pcSmall = ZeroShotSummary.find(sums, d, "PC");
        assertThat(pcSmall.failed()).isEqualTo(2);
        assertThat(pcSmall.meanShd()).isNaN();
        ZeroShotSummary pcLarge = ZeroShotSummary.find(sums, 10 * d, "PC");
        assertThat(pcLarge.failed()).isZero();
        assertThat(pcLarge.meanShd()).isCloseTo(rows.stream().filter(r -> r.n() == 10 * d && r.method().equals("PC"))
                .mapToDouble(ZeroShotRow::shd).average().orElseThrow(), within(1e-12));
        assertThatThrownBy(() -> PairedDifference.of(rows, d, "empty graph", "PC")).hasMessageContaining("n = " + d);
        assertThat(PairedDifference.of(rows, 10 * d, "empty graph", "PC").count()).isEqualTo(2);
        // failed rows survive the CSV
        Path f = dir.resolve("rows.csv");
        ZeroShotRow.write(f, rows);
        List<ZeroShotRow> back = ZeroShotRow.read(f);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(back.get(i).sameResult(rows.get(i))).as(rows.get(i).key()).isTrue();
            assertThat(back.get(i).failed()).isEqualTo(rows.get(i).failed());
        }
        // a sample with a column that is a linear function of others is singular whatever n
        DMatrixRMaj x = fam.domain(0).sample(200, 1);
        for (int i = 0; i < x.numRows; i++) {
            x.set(i, 2, 2 * x.get(i, 0) - x.get(i, 1));
        }
        assertThat(ContinuousSearch.singularity(x)).get().asString().contains("column 2");
        assertThat(ContinuousSearch.run(ContinuousSearch.Method.FGES_SEM_BIC, x).ok()).isFalse();
    }

    @Test
    void addingTetradsMethodsLeavesTheOtherRowsKeysUnchanged() {
        ZeroShotBenchmark b = ZeroShotBenchmark.defaults(4).withNs(20).withTestDomains(2);
        Domains fam = b.family(Domains.Setting.SHARED_ORDER, 4);
        for (ZeroShotMethod m : ZeroShotMethod.weighted()) {
            assertThat(b.settings(m)).isEqualTo(b.settings());
        }
        assertThat(b.settings(ZeroShotMethod.PC)).isEqualTo(b.settings() + " tetrad=pc-fisher-z alpha=" + ContinuousSearch.FISHER_Z_ALPHA);
        assertThat(b.settings(ZeroShotMethod.FGES)).contains("penalty=" + ContinuousSearch.SEM_BIC_PENALTY);
        List<ZeroShotMethod> old = List.of(ZeroShotMethod.EMPTY_GRAPH, ZeroShotMethod.SORT_BY_VARIANCE);
        List<ZeroShotRow> before = b.evaluate(fam, null, old);
        List<ZeroShotMethod> more = new ArrayList<>(old);
        more.addAll(TETRAD);
        List<ZeroShotRow> after = b.evaluate(fam, null, more);
        List<ZeroShotRow> selected = b.select(after, fam, old);
        assertThat(selected).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(selected.get(i).sameResult(before.get(i))).isTrue();
        }
        assertThat(b.select(before, fam, more)).isEmpty();
        assertThat(ZeroShotMethod.of("pc")).isEqualTo(ZeroShotMethod.PC);
        assertThat(ZeroShotMethod.of("FGES")).isEqualTo(ZeroShotMethod.FGES);
        assertThat(ZeroShotMethod.of("boss")).isEqualTo(ZeroShotMethod.BOSS);
        assertThat(ZeroShotMethod.weighted()).doesNotContainAnyElementsOf(TETRAD).hasSize(ZeroShotMethod.values().length - 3);
    }

    @Test
    void anOlderCsvIsReadWithEmptyNewColumnsAndUpgradedInPlace() throws Exception {
        ZeroShotBenchmark b = ZeroShotBenchmark.defaults(4).withNs(20).withTestDomains(2);
        List<ZeroShotRow> rows = b.evaluate(b.family(Domains.Setting.SHARED_DAG, 3), null,
                List.of(ZeroShotMethod.EMPTY_GRAPH, ZeroShotMethod.SORT_BY_VARIANCE));
        // the older layout: the new cells (skeleton_shd .. failure) absent
        int from = ZeroShotRow.HEADER.indexOf("skeleton_shd"), to = ZeroShotRow.HEADER.indexOf("millis");
        StringBuilder sb = new StringBuilder(String.join(",", ZeroShotRow.OLD_HEADER)).append('\n');
        for (ZeroShotRow r : rows) {
            List<String> c = new ArrayList<>(List.of(r.csv().split(",", -1)));
            c.subList(from, to).clear();
            sb.append(String.join(",", c)).append('\n');
        }
        Path f = dir.resolve("old.csv");
        Files.writeString(f, sb, StandardCharsets.UTF_8);
        List<ZeroShotRow> old = ZeroShotRow.read(f);
        assertThat(old).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            ZeroShotRow o = old.get(i), r = rows.get(i);
            assertThat(o.key()).isEqualTo(r.key());
            assertThat(o.shd()).isEqualTo(r.shd());
            assertThat(o.f1()).isCloseTo(r.f1(), within(1e-4));
            assertThat(o.skeletonF1()).isNaN();
            assertThat(o.skeletonShd()).isNaN();
            assertThat(o.failed()).isFalse();
            // a row of the older layout agrees with the same row recomputed (skeleton scores and all) ...
            assertThat(o.sameResult(r)).as("old-layout row against its recomputation, %s", r.key()).isTrue();
            assertThat(r.sameResult(o)).isTrue();
            // ... while two rows that both record skeleton scores must agree on them
            ZeroShotRow otherSkeleton = new ZeroShotRow(r.setting(), r.d(), r.data(), r.seed(), r.settings(), r.n(), r.domain(),
                    r.method(), r.shd(), r.f1(), r.precision(), r.recall(), r.estimatedEdges(), r.trueEdges(), r.acyclic(),
                    r.skeletonShd() + 1, r.skeletonF1(), r.undirected(), r.failure(), r.millis());
            assertThat(otherSkeleton.sameResult(r)).isFalse();
            assertThat(otherSkeleton.sameResult(o)).as("the old-layout row has no skeleton score to disagree with").isTrue();
        }
        assertThat(ZeroShotRow.upgrade(f)).isTrue();
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ZeroShotRow.HEADER));
        List<ZeroShotRow> upgraded = ZeroShotRow.read(f);
        for (int i = 0; i < old.size(); i++) {
            assertThat(upgraded.get(i).sameResult(old.get(i))).isTrue();
            assertThat(upgraded.get(i).millis()).isEqualTo(old.get(i).millis());
        }
        assertThat(ZeroShotRow.upgrade(f)).as("a current file is left alone").isFalse();
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "setting,d\n");
        assertThatThrownBy(() -> ZeroShotRow.read(bad)).hasMessageContaining("'setting,d'");
    }

    @Test
    void badInputIsRefusedNamingTheValue() {
        DMatrixRMaj x = new DMatrixRMaj(20, 3);
        x.set(4, 1, Double.NaN);
        assertThatThrownBy(() -> ContinuousSearch.run(ContinuousSearch.Method.PC_FISHER_Z, x)).hasMessageContaining("data[4][1] = NaN");
        assertThatThrownBy(() -> ContinuousSearch.run(null, new DMatrixRMaj(20, 3))).hasMessageContaining("method");
        assertThatThrownBy(() -> ContinuousSearch.singularity(new DMatrixRMaj(20, 1))).hasMessageContaining("20x1");
        ZeroShotBenchmark b = ZeroShotBenchmark.defaults(4);
        assertThatThrownBy(() -> b.estimate(ZeroShotMethod.FGES, new DMatrixRMaj(20, 4), null)).hasMessageContaining("FGES");
        assertThatThrownBy(() -> b.estimateGraph(ZeroShotMethod.NOTEARS, new DMatrixRMaj(20, 4))).hasMessageContaining("NOTEARS");
        assertThatThrownBy(() -> ZeroShotRow.failure("a", 4, "raw", 1, "x=1", 4, 0, "PC", 3, " ", 0)).hasMessageContaining("' '");
        assertThatThrownBy(() -> new ZeroShotRow("a", 4, "raw", 1, "x=1", 4, 0, "PC", Double.NaN, 0, 0, 0, 0, 3, true,
                0, 0, 0, "", 0)).hasMessageContaining("shd = NaN");
        assertThatThrownBy(() -> collider().score((MixedGraph) null)).hasMessageContaining("null");
        assertThatThrownBy(() -> collider().score(MixedGraph.empty(3, null))).hasMessageContaining("got 3");
        // a constant column is a singular sample, reported (not thrown)
        DMatrixRMaj c = collider().sample(50, 2);
        for (int i = 0; i < c.numRows; i++) {
            c.set(i, 3, 1.5);
        }
        assertThat(ContinuousSearch.singularity(c)).get().asString().contains("column 3 is constant");
    }
}
