package org.causalheads.amortised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.causalheads.dag.Dag;
import org.causalheads.dag.Scores;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class DomainsTest {

    @Test
    void weightsFollowTheOrderAndTheNotearsRange() {
        for (Domains.Setting setting : Domains.Setting.values()) {
            Domains fam = Domains.of(setting, 8, 1.5, 1.0, 4);
            for (LinearSem sem : fam.domains(0, 5)) {
                int[] order = sem.order();
                if (setting != Domains.Setting.UNRELATED_ORDERS) {
                    assertThat(order).isEqualTo(fam.order());
                }
                int[] rank = new int[8];
                for (int r = 0; r < 8; r++) {
                    rank[order[r]] = r;
                }
                double[][] w = sem.weights();
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        if (w[i][j] != 0) {
                            assertThat(rank[i]).isLessThan(rank[j]);
                            assertThat(Math.abs(w[i][j])).isBetween(Domains.W_LOW, Domains.W_HIGH);
                        }
                    }
                }
            }
        }
    }

    @Test
    void orderIsAPermutationThatIsNotTheIdentityForThisSeed() {
        int[] order = Domains.of(Domains.Setting.SHARED_DAG, 10, 1, 1, 3).order();
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertThat(sorted).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(order).isNotEqualTo(sorted);
    }

    @Test
    void sharedDagKeepsTheSupportAndRedrawsWeights() {
        Domains fam = Domains.of(Domains.Setting.SHARED_DAG, 8, 1.5, 1.0, 5);
        LinearSem a = fam.domain(0), b = fam.domain(1);
        assertThat(a.truth()).isEqualTo(b.truth());
        assertThat(a.weights()).isNotEqualTo(b.weights());
    }

    @Test
    void sharedOrderDrawsDifferentDagsOverOneOrder() {
        Domains fam = Domains.of(Domains.Setting.SHARED_ORDER, 8, 1.5, 1.0, 5);
        long distinct = fam.domains(0, 6).stream().map(LinearSem::truth).distinct().count();
        assertThat(distinct).isGreaterThan(1);
        assertThat(fam.domain(2).order()).isEqualTo(fam.domain(4).order());
    }

    /** Whether the union of the domains' edges (in labels) has a cycle, so that no one order fits them all (Kahn's algorithm). */
    private static boolean unionHasACycle(List<LinearSem> sems, int d) {
        boolean[][] e = new boolean[d][d];
        for (LinearSem sem : sems) {
            double[][] w = sem.weights();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    e[i][j] |= w[i][j] != 0;
                }
            }
        }
        int[] in = new int[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                in[j] += e[i][j] ? 1 : 0;
            }
        }
        java.util.ArrayDeque<Integer> free = new java.util.ArrayDeque<>();
        for (int j = 0; j < d; j++) {
            if (in[j] == 0) {
                free.add(j);
            }
        }
        int removed = 0;
        while (!free.isEmpty()) {
            int i = free.poll();
            removed++;
            for (int j = 0; j < d; j++) {
                if (e[i][j] && --in[j] == 0) {
                    free.add(j);
                }
            }
        }
        return removed < d;
    }

    @Test
    void unrelatedOrdersGiveEveryDomainItsOwnOrderSoNoOnePermutationFitsThemAll() {
        int d = 8;
        for (long seed : new long[] {5, 11, 12}) {
            Domains c = Domains.of(Domains.Setting.UNRELATED_ORDERS, d, 1.5, 1.0, seed);
            List<LinearSem> sems = c.domains(0, 20);
            // the orders differ: at least 15 distinct permutations among 20 domains (8! = 40320 to draw from)
            assertThat(sems.stream().map(s -> Arrays.toString(s.order())).distinct().count()).isGreaterThanOrEqualTo(15);
            // and the graphs together are consistent with no single causal order: their union has a cycle
            assertThat(unionHasACycle(sems, d)).as("seed " + seed).isTrue();
            // whereas a shared order, with the same density, never gives a cycle
            assertThat(unionHasACycle(Domains.of(Domains.Setting.SHARED_ORDER, d, 1.5, 1.0, seed).domains(0, 20), d)).isFalse();
            assertThatThrownBy(c::order).isInstanceOf(IllegalStateException.class).hasMessageContaining("UNRELATED_ORDERS");
        }
    }

    @Test
    void aSeedReproducesAFamilyInEverySettingAndDomainsDoNotDependOnHowManyAreAsked() {
        for (Domains.Setting setting : Domains.Setting.values()) {
            Domains one = Domains.of(setting, 7, 1.0, 1.0, 21);
            Domains two = Domains.of(setting, 7, 1.0, 1.0, 21);
            List<LinearSem> many = one.domains(0, 12);
            for (int k = 0; k < 12; k++) {
                LinearSem alone = two.domain(k);
                assertThat(alone.weights()).isEqualTo(many.get(k).weights());
                assertThat(alone.order()).isEqualTo(many.get(k).order());
            }
            assertThat(two.domains(5, 3).get(1).weights()).isEqualTo(many.get(6).weights());
            // another seed, another family
            Domains other = Domains.of(setting, 7, 1.0, 1.0, 22);
            long same = java.util.stream.IntStream.range(0, 12)
                    .filter(k -> Arrays.deepEquals(other.domain(k).weights(), many.get(k).weights())).count();
            assertThat(same).as(setting + ": domains equal under seeds 21 and 22").isZero();
        }
    }

    @Test
    void expectedEdgeCountIsKTimesD() {
        Domains fam = Domains.of(Domains.Setting.SHARED_ORDER, 10, 1.0, 1.0, 6);
        double mean = fam.domains(0, 400).stream().mapToInt(LinearSem::edgeCount).average().orElseThrow();
        // Binomial(45, 2/9) has mean 10 and sd 2.8; the mean of 400 has sd 0.14
        assertThat(mean).isCloseTo(10.0, within(0.6));
    }

    @Test
    void sameSeedSameDomainsAndSamples() {
        LinearSem a = Domains.of(Domains.Setting.SHARED_ORDER, 6, 1, 1, 9).domain(3);
        LinearSem b = Domains.of(Domains.Setting.SHARED_ORDER, 6, 1, 1, 9).domain(3);
        assertThat(a.weights()).isEqualTo(b.weights());
        assertThat(a.sample(5, 2).data).isEqualTo(b.sample(5, 2).data);
    }

    @Test
    void sampleSecondMomentsApproachTheSemCovariance() {
        // X = XW + E  =>  X = E (I - W)^-1  =>  Cov = σ² (I - W)^-T (I - W)^-1
        LinearSem sem = Domains.of(Domains.Setting.SHARED_DAG, 4, 1.0, 0.7, 8).domain(0);
        DMatrixRMaj iw = CommonOps_DDRM.identity(4);
        CommonOps_DDRM.subtractEquals(iw, new DMatrixRMaj(sem.weights()));
        DMatrixRMaj inv = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.invert(iw, inv);
        DMatrixRMaj cov = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.multTransA(inv, inv, cov);
        CommonOps_DDRM.scale(0.7 * 0.7, cov);
        DMatrixRMaj s = Notears.secondMoments(sem.sample(40_000, 1));
        for (int k = 0; k < 16; k++) {
            assertThat(s.data[k]).isCloseTo(cov.data[k], within(0.05 * Math.max(1, Math.abs(cov.data[k]))));
        }
    }

    @Test
    void scoreRelabelsByRank() {
        LinearSem sem = Domains.of(Domains.Setting.SHARED_DAG, 6, 1.0, 1.0, 2).domain(0);
        Dag truth = sem.truth();
        assertThat(truth.edgeCount()).isEqualTo(sem.edgeCount());
        Scores perfect = sem.score(sem.weights(), 0.3);
        assertThat(perfect.shd()).isZero();
        double[][] transposed = new double[6][6];
        double[][] w = sem.weights();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                transposed[i][j] = w[j][i];
            }
        }
        Scores rev = sem.score(transposed, 0.3);
        assertThat(rev.reversed()).isEqualTo(sem.edgeCount());
        assertThat(sem.score(new double[6][6], 0.3).shd()).isEqualTo(sem.edgeCount());
        // rank order makes the weights strictly upper triangular
        double[][] ranked = sem.inRankOrder(w);
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b <= a; b++) {
                assertThat(ranked[a][b]).isZero();
            }
        }
    }

    @Test
    void rejectsBadInputNamingTheValue() {
        assertThatThrownBy(() -> Domains.of(Domains.Setting.SHARED_DAG, 1, 1, 1, 0)).hasMessageContaining("d = 1");
        assertThatThrownBy(() -> Domains.of(Domains.Setting.SHARED_DAG, 10, 7, 1, 0)).hasMessageContaining("edgesPerNode = 7");
        assertThatThrownBy(() -> Domains.of(Domains.Setting.SHARED_DAG, 10, 1, -2, 0)).hasMessageContaining("sigma = -2");
        assertThatThrownBy(() -> Domains.of(null, 10, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinearSem.of(new double[][] {{0, 0}, {1.0, 0}}, new int[] {0, 1}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("W[1][0] = 1.0");
        assertThatThrownBy(() -> LinearSem.of(new double[2][2], new int[] {0, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 0]");
        LinearSem sem = Domains.of(Domains.Setting.SHARED_DAG, 3, 1, 1, 0).domain(0);
        assertThatThrownBy(() -> sem.sample(0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> sem.score(new double[3][3], -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
