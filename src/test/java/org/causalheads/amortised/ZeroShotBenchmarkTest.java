package org.causalheads.amortised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.causalheads.numeric.Statistics;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zero-shot harness: its rows, summaries and paired differences, by definition, on tiny seeded runs. */
class ZeroShotBenchmarkTest {

    /** A small benchmark: d = 4, a few training domains and steps, two held-out sizes. */
    static ZeroShotBenchmark tiny() {
        ZeroShotBenchmark b = ZeroShotBenchmark.defaults(4).withTrainDomains(8).withNs(8, 40).withTestDomains(3);
        return b.withTraining(b.training().withSteps(40));
    }

    private static final List<ZeroShotMethod> ALL = List.of(ZeroShotMethod.values());

    @TempDir
    Path dir;

    @Test
    void theTruthScoresZeroAndIsAcyclic() {
        ZeroShotBenchmark b = tiny();
        for (Domains.Setting s : Domains.Setting.values()) {
            Domains fam = b.family(s, 5);
            for (int k = 0; k < 4; k++) {
                LinearSem sem = fam.domain(k);
                assertThat(sem.score(sem.weights(), b.threshold()).shd()).isZero();
                assertThat(ZeroShotBenchmark.acyclic(sem.weights(), b.threshold())).isTrue();
            }
        }
        double[][] cycle = {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}};
        assertThat(ZeroShotBenchmark.acyclic(cycle, 0.3)).isFalse();
        assertThat(ZeroShotBenchmark.acyclic(cycle, 1.0)).isTrue(); // nothing survives |a| > 1
    }

    @Test
    void rowsSummariesAndPairedDifferencesAgreeWithTheirDefinitions() {
        ZeroShotBenchmark b = tiny();
        Domains fam = b.family(Domains.Setting.SHARED_ORDER, 7);
        AmortisedModel model = b.train(fam).model();
        List<ZeroShotRow> rows = b.evaluate(fam, model, ALL);
        assertThat(rows).hasSize(b.ns().length * b.testDomains() * ALL.size());
        for (ZeroShotRow r : rows) {
            LinearSem sem = fam.domain(r.domain());
            assertThat(r.trueEdges()).isEqualTo(sem.edgeCount());
            assertThat(r.setting()).isEqualTo("b");
            assertThat(r.settings()).isEqualTo(b.settings(ZeroShotMethod.of(r.method())));
            if (r.method().equals(ZeroShotMethod.EMPTY_GRAPH.label())) {
                // the empty graph misses every true edge and finds nothing
                assertThat(r.shd()).isEqualTo(sem.edgeCount());
                assertThat(r.estimatedEdges()).isZero();
                assertThat(r.acyclic()).isTrue();
            }
            assertThat(r.shd()).isGreaterThanOrEqualTo(0);
            assertThat(r.f1()).isBetween(0.0, 1.0);
        }
        List<ZeroShotSummary> sums = ZeroShotSummary.of(rows);
        assertThat(sums).hasSize(b.ns().length * ALL.size());
        for (int n : b.ns()) {
            for (ZeroShotMethod m : ALL) {
                ZeroShotSummary s = ZeroShotSummary.find(sums, n, m.label());
                List<ZeroShotRow> g = rows.stream().filter(r -> r.n() == n && r.method().equals(m.label())).toList();
                assertThat(s.domains()).isEqualTo(b.testDomains());
                assertThat(s.meanShd()).isCloseTo(g.stream().mapToDouble(ZeroShotRow::shd).average().orElseThrow(), within(1e-12));
                assertThat(s.worstShd()).isEqualTo((int) g.stream().mapToDouble(ZeroShotRow::shd).max().orElseThrow());
                assertThat(s.medianMillis()).isEqualTo(Statistics.median(g.stream().mapToDouble(ZeroShotRow::millis).toArray()));
            }
            // paired differences: their sum is the difference of the SHD sums, their mean that of the means
            PairedDifference p = PairedDifference.of(rows, n, "NOTEARS", "amortised");
            assertThat(p.count()).isEqualTo(b.testDomains());
            double sumA = rows.stream().filter(r -> r.n() == n && r.method().equals("NOTEARS")).mapToDouble(ZeroShotRow::shd).sum();
            double sumB = rows.stream().filter(r -> r.n() == n && r.method().equals("amortised")).mapToDouble(ZeroShotRow::shd).sum();
            assertThat(Arrays.stream(p.differences()).sum()).isCloseTo(sumA - sumB, within(1e-9));
            assertThat(p.mean()).isCloseTo(ZeroShotSummary.find(sums, n, "NOTEARS").meanShd()
                    - ZeroShotSummary.find(sums, n, "amortised").meanShd(), within(1e-12));
            // antisymmetric, and a method against itself differs by exactly 0
            assertThat(PairedDifference.of(rows, n, "amortised", "NOTEARS").mean()).isCloseTo(-p.mean(), within(1e-12));
            // the outcome follows the sign and size of the mean against k standard errors
            String o = p.outcome(2);
            assertThat(o).isEqualTo(p.mean() > 2 * p.standardError() && p.mean() > 0 ? "wins"
                    : p.mean() < -2 * p.standardError() && p.mean() < 0 ? "loses" : "ties");
            // the harness finds its own rows among others, in its order
            assertThat(b.select(rows, fam, ALL)).isEqualTo(rows);
            assertThat(b.withTestDomains(b.testDomains() + 1).select(rows, fam, ALL)).isEmpty();
            PairedDifference self = PairedDifference.of(rows, n, "amortised", "amortised");
            assertThat(self.mean()).isZero();
            assertThat(self.standardError()).isZero();
            assertThat(self.outcome(2)).isEqualTo("ties");
        }
    }

    @Test
    void theHarnessIsDeterministicForASeedAndRowsSurviveTheCsv() throws Exception {
        ZeroShotBenchmark b = tiny().withStandardise(true);
        Domains fam = b.family(Domains.Setting.SHARED_DAG, 3);
        List<ZeroShotRow> one = b.evaluate(fam, b.train(fam).model(), ALL);
        List<ZeroShotRow> two = b.evaluate(b.family(Domains.Setting.SHARED_DAG, 3), b.train(fam).model(), ALL);
        assertThat(one).hasSameSizeAs(two);
        for (int i = 0; i < one.size(); i++) {
            assertThat(one.get(i).sameResult(two.get(i))).as(one.get(i).key()).isTrue();
            // one row at a time (as the command computes them) gives the same result
        }
        ZeroShotRow single = b.row(fam, b.train(fam).model(), b.ns()[1], 2, ZeroShotMethod.AMORTISED);
        assertThat(one.stream().anyMatch(r -> r.sameResult(single))).isTrue();
        Path f = dir.resolve("rows.csv");
        ZeroShotRow.write(f, one);
        List<ZeroShotRow> back = ZeroShotRow.read(f);
        for (int i = 0; i < one.size(); i++) {
            assertThat(back.get(i).sameResult(one.get(i))).isTrue();
            assertThat(back.get(i).data()).isEqualTo("standardised");
        }
    }

    @Test
    void standardisedDataHaveMeanZeroAndUnitVariance() {
        ZeroShotBenchmark b = tiny().withStandardise(true);
        DMatrixRMaj x = b.testSample(b.family(Domains.Setting.SHARED_DAG, 3), 40, 1);
        for (int j = 0; j < x.numCols; j++) {
            double m = 0, v = 0;
            for (int i = 0; i < x.numRows; i++) {
                m += x.get(i, j) / x.numRows;
            }
            for (int i = 0; i < x.numRows; i++) {
                v += (x.get(i, j) - m) * (x.get(i, j) - m) / x.numRows;
            }
            assertThat(m).isCloseTo(0, within(1e-12));
            assertThat(v).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void sortByVarianceRecoversAChainWhoseVarianceGrowsAlongTheOrder() {
        // X0 -> X1 -> X2 -> X3 with weight 1: Var X_r = r + 1 grows along the order, so the sort is the order
        int d = 4;
        double[][] w = new double[d][d];
        int[] order = {2, 0, 3, 1};
        for (int r = 0; r + 1 < d; r++) {
            w[order[r]][order[r + 1]] = 1.0;
        }
        LinearSem sem = LinearSem.of(w, order, 1.0);
        DMatrixRMaj x = sem.sample(20_000, 11);
        assertThat(VarianceSort.order(x)).containsExactly(order);
        assertThat(sem.score(VarianceSort.fit(x), 0.3).shd()).isZero();
        // on standardised data the variances carry no order: every column has variance 1
        DMatrixRMaj z = VarianceSort.standardise(x);
        DMatrixRMaj s = Notears.centredMoments(z);
        for (int j = 0; j < d; j++) {
            assertThat(s.get(j, j)).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void defaultSampleSizesRunFromHalfTheVariablesToTenTimesThemAndSettingsHaveLabels() {
        assertThat(ZeroShotBenchmark.defaultNs(10)).containsExactly(5, 10, 20, 50, 100);
        assertThat(ZeroShotBenchmark.defaultNs(7)).containsExactly(4, 7, 14, 35, 70);
        // never below 2 (standardising needs two samples) and never repeated
        assertThat(ZeroShotBenchmark.defaultNs(2)).containsExactly(2, 4, 10, 20);
        assertThat(ZeroShotBenchmark.defaults(20).ns()).containsExactly(ZeroShotBenchmark.defaultNs(20));
        for (Domains.Setting s : Domains.Setting.values()) {
            assertThat(ZeroShotBenchmark.setting(ZeroShotBenchmark.label(s))).isEqualTo(s);
            assertThat(ZeroShotBenchmark.setting(s.name())).isEqualTo(s);
        }
        assertThat(Arrays.stream(Domains.Setting.values()).map(ZeroShotBenchmark::label)).containsExactly("a", "b", "c");
        assertThat(Arrays.stream(Domains.Setting.values()).mapToLong(ZeroShotBenchmark::defaultSeed).distinct().count()).isEqualTo(3);
    }

    @Test
    void fewerSamplesThanVariablesGiveFiniteEstimatesFromEveryWeightedMethodAndFailureRowsFromTetradsOnRawAndStandardisedData() {
        for (boolean std : new boolean[] {false, true}) {
            ZeroShotBenchmark b = ZeroShotBenchmark.defaults(8).withTrainDomains(6).withNs(3, 4).withTestDomains(2).withStandardise(std);
            b = b.withTraining(b.training().withSteps(30).withBatchSize(4));
            Domains fam = b.family(Domains.Setting.UNRELATED_ORDERS, 5);
            AmortisedModel model = b.train(fam).model();
            for (int n : b.ns()) {
                DMatrixRMaj x = b.testSample(fam, n, 0);
                assertThat(x.numRows).isEqualTo(n).isLessThan(x.numCols);
                for (ZeroShotMethod m : ZeroShotMethod.weighted()) {
                    double[][] a = b.estimate(m, x, model);
                    assertThat(Arrays.stream(a).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite))
                            .as(m + " at n = " + n + (std ? ", standardised" : ", raw")).isTrue();
                }
            }
            List<ZeroShotRow> rows = b.evaluate(fam, model, ALL);
            assertThat(rows).hasSize(2 * 2 * ALL.size()).allMatch(r -> r.setting().equals("c") && r.n() < r.d());
            // the weighted methods score every sample; Tetrad's refuse a singular covariance and say so in the row
            assertThat(rows).allMatch(r -> ZeroShotMethod.of(r.method()).isCpdag() ? r.failed() && !r.failure().isBlank() : !r.failed() && r.shd() >= 0);
        }
    }

    @Test
    void badInputIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> ZeroShotBenchmark.defaults(1)).hasMessageContaining("d = 1");
        assertThatThrownBy(() -> tiny().withNs(8, 0)).hasMessageContaining("sample size 0");
        assertThatThrownBy(() -> tiny().withNs(8, 8)).hasMessageContaining("[8, 8]");
        assertThatThrownBy(() -> tiny().withStandardise(true).withNs(1)).hasMessageContaining("sample size 1");
        assertThatThrownBy(() -> tiny().withTestDomains(0)).hasMessageContaining("testDomains = 0");
        assertThatThrownBy(() -> tiny().withTestDomains(1001)).hasMessageContaining("testDomains = 1001");
        assertThatThrownBy(() -> tiny().withEdgesPerNode(2.0)).hasMessageContaining("edgesPerNode = 2.0");
        assertThatThrownBy(() -> tiny().withThreshold(-0.1)).hasMessageContaining("threshold = -0.1");
        assertThatThrownBy(() -> tiny().withShape(AmortisedModel.Shape.defaults(5))).hasMessageContaining("shape.d() = 5");
        assertThatThrownBy(() -> ZeroShotMethod.of("GES")).hasMessageContaining("'GES'").hasMessageContaining("sort by variance")
                .hasMessageContaining("BOSS");
        assertThatThrownBy(() -> ZeroShotBenchmark.setting("d")).hasMessageContaining("'d'");
        assertThatThrownBy(() -> VarianceSort.fit(new DMatrixRMaj(3, 2), -1)).hasMessageContaining("ridge = -1.0");
        assertThatThrownBy(() -> VarianceSort.standardise(new DMatrixRMaj(3, 2))).hasMessageContaining("column 0 has variance 0.0");
        ZeroShotBenchmark b = tiny();
        Domains fam = b.family(Domains.Setting.SHARED_DAG, 3);
        assertThatThrownBy(() -> b.row(fam, null, 8, 0, ZeroShotMethod.AMORTISED)).hasMessageContaining("needs a trained model");
        assertThatThrownBy(() -> b.testSample(Domains.of(Domains.Setting.SHARED_DAG, 5, 1, 1, 3), 8, 0))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> PairedDifference.of(List.of(), 8, "NOTEARS", "amortised")).hasMessageContaining("n = 8");
        assertThatThrownBy(() -> ZeroShotSummary.find(List.of(), 8, "NOTEARS")).hasMessageContaining("'NOTEARS' at n = 8");
        assertThat(ZeroShotMethod.of("empty graph")).isEqualTo(ZeroShotMethod.EMPTY_GRAPH);
        assertThat(ZeroShotMethod.of("SORT_BY_VARIANCE")).isEqualTo(ZeroShotMethod.SORT_BY_VARIANCE);
    }
}
