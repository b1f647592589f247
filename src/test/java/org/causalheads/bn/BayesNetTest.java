package org.causalheads.bn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BayesNetTest {

    /** Exact-arithmetic comparisons (inference against enumeration). */
    private static final double EXACT = 1e-12;
    /** Sampling checks: allowed deviation in standard errors, plus a floor. */
    private static final double SIGMAS = 5;
    private static final double FLOOR = 1e-3;

    static BayesNet load(String name) throws IOException {
        return name.equals("asia") ? Networks.asia() : Bif.read(SharedData.bif(name));
    }

    /** Full joint by brute-force enumeration (test oracle, independent of variable elimination). */
    static double[] enumerateJoint(BayesNet net) {
        int t = net.size();
        int[] card = net.stateCounts();
        int total = 1;
        for (int c : card) {
            total *= c;
        }
        double[] joint = new double[total];
        int[] x = new int[t];
        for (int idx = 0; idx < total; idx++) {
            int rem = idx;
            for (int i = t - 1; i >= 0; i--) {
                x[i] = rem % card[i];
                rem /= card[i];
            }
            double p = 1;
            for (int i = 0; i < t; i++) {
                int[] pa = net.parents(i);
                int[] ps = new int[pa.length];
                for (int m = 0; m < pa.length; m++) {
                    ps[m] = x[pa[m]];
                }
                p *= net.row(i, ps)[x[i]];
            }
            joint[idx] = p;
        }
        return joint;
    }

    @ParameterizedTest
    @ValueSource(strings = {"asia", "cancer"})
    void sampleFrequenciesMatchTheCpts(String name) throws IOException {
        BayesNet net = load(name);
        int n = 200_000;
        int[][] x = net.sample(n, 42);
        assertThat(x).hasNumberOfRows(n);
        for (int i = 0; i < net.size(); i++) {
            int[] pa = net.parents(i);
            int configs = net.configurations(i);
            int s = net.variable(i).size();
            long[][] counts = new long[configs][s];
            for (int[] row : x) {
                int[] ps = new int[pa.length];
                for (int m = 0; m < pa.length; m++) {
                    ps[m] = row[pa[m]];
                }
                counts[net.configuration(i, ps)][row[i]]++;
            }
            double[][] cpt = net.cpt(i);
            for (int c = 0; c < configs; c++) {
                long tot = 0;
                for (long k : counts[c]) {
                    tot += k;
                }
                if (tot < 100) {
                    continue; // too rare to test
                }
                for (int v = 0; v < s; v++) {
                    double p = cpt[c][v];
                    double se = Math.sqrt(p * (1 - p) / tot);
                    assertThat((double) counts[c][v] / tot)
                            .as("%s: P(%s=%d | config %d), %d samples", name, net.variable(i).name(), v, c, tot)
                            .isCloseTo(p, within(SIGMAS * se + FLOOR));
                }
            }
        }
    }

    @Test
    void samplingIsReproducibleAndFastEnoughForChild() throws IOException {
        BayesNet child = load("child");
        int[][] a = child.sample(100_000, 7);
        int[][] b = child.sample(100_000, 7);
        assertThat(a).isDeepEqualTo(b);
        assertThat(child.sample(10, 8)).isNotEqualTo(child.sample(10, 7));
        // empirical marginals agree with the exact ones
        for (int i = 0; i < child.size(); i++) {
            double[] m = child.marginal(i);
            long[] cnt = new long[m.length];
            for (int[] row : a) {
                cnt[row[i]]++;
            }
            for (int v = 0; v < m.length; v++) {
                double se = Math.sqrt(m[v] * (1 - m[v]) / a.length);
                assertThat((double) cnt[v] / a.length).isCloseTo(m[v], within(SIGMAS * se + FLOOR));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asia", "cancer"})
    void variableEliminationAgreesWithEnumeration(String name) throws IOException {
        BayesNet net = load(name);
        int t = net.size();
        int[] card = net.stateCounts();
        double[] joint = enumerateJoint(net);
        int[] stride = new int[t];
        int s = 1;
        for (int i = t - 1; i >= 0; i--) {
            stride[i] = s;
            s *= card[i];
        }
        for (int j = 0; j < t; j++) {
            for (int i = 0; i < t; i++) {
                if (i == j) {
                    continue;
                }
                double[][] pair = new double[card[j]][card[i]];
                for (int idx = 0; idx < joint.length; idx++) {
                    pair[(idx / stride[j]) % card[j]][(idx / stride[i]) % card[i]] += joint[idx];
                }
                double[] flat = net.joint(j, i);
                double[][] cond = net.conditional(j, i);
                for (int a = 0; a < card[j]; a++) {
                    double pj = 0;
                    for (int b = 0; b < card[i]; b++) {
                        assertThat(flat[a * card[i] + b]).isCloseTo(pair[a][b], within(EXACT));
                        pj += pair[a][b];
                    }
                    for (int b = 0; b < card[i]; b++) {
                        assertThat(cond[a][b]).isCloseTo(pair[a][b] / pj, within(1e-9));
                    }
                }
            }
        }
    }

    @Test
    void dagKeepsNamesAndSlots() throws IOException {
        BayesNet child = load("child");
        var dag = child.toDag();
        assertThat(dag.names()).isEqualTo(child.names());
        for (int i = 0; i < child.size(); i++) {
            assertThat(dag.parents(i)).containsExactly(child.parents(i));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void nodesAreInTopologicalOrderWhateverTheDeclarationOrder(long seed) {
        BayesNet asia = Networks.asia();
        List<Integer> shuffled = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, asia.size()).boxed().toList());
        java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
        // declare a child before one of its parents, so that declaration order is not topological
        int either = asia.indexOf("either"), lung = asia.indexOf("lung");
        if (shuffled.indexOf(either) > shuffled.indexOf(lung)) {
            java.util.Collections.swap(shuffled, shuffled.indexOf(either), shuffled.indexOf(lung));
        }
        BayesNetBuilder b = BayesNet.builder("shuffled");
        for (int i : shuffled) {
            b.variable(asia.variable(i).name(), asia.variable(i).states());
        }
        java.util.List<Integer> tables = new java.util.ArrayList<>(shuffled);
        java.util.Collections.reverse(tables);
        for (int i : tables) {
            b.cpt(asia.variable(i).name(), java.util.Arrays.stream(asia.parents(i)).mapToObj(p -> asia.variable(p).name()).toList(),
                    asia.cpt(i));
        }
        BayesNet net = b.build();

        List<String> declared = shuffled.stream().map(i -> asia.variable(i).name()).toList();
        int[] order = net.declarationOrder();
        assertThat(java.util.Arrays.stream(order).mapToObj(i -> net.variable(i).name()).toList()).isEqualTo(declared);
        assertThat(net.indexOf("either")).as("declared before its parent lung, placed after it")
                .isGreaterThan(net.indexOf("lung"));
        for (int i = 0; i < net.size(); i++) {
            for (int p : net.parents(i)) {
                assertThat(p).as("parent %s of %s", net.variable(p).name(), net.variable(i).name()).isLessThan(i);
            }
            assertThat(net.toDag().parents(i)).containsExactly(net.parents(i));
            assertThat(net.declarationIndex(i)).isEqualTo(declared.indexOf(net.variable(i).name()));
        }
        // the stable order: among nodes whose parents are placed, the one declared first comes next
        List<String> expected = new java.util.ArrayList<>();
        while (expected.size() < declared.size()) {
            String next = declared.stream().filter(v -> !expected.contains(v))
                    .filter(v -> java.util.Arrays.stream(asia.parents(asia.indexOf(v)))
                            .allMatch(p -> expected.contains(asia.variable(p).name())))
                    .findFirst().orElseThrow();
            expected.add(next);
        }
        assertThat(net.names()).isEqualTo(expected);
        for (int i = 0; i < net.size(); i++) { // the same network as asia, variable by variable
            int a = asia.indexOf(net.variable(i).name());
            assertThat(net.variable(i)).isEqualTo(asia.variable(a));
            assertThat(java.util.Arrays.stream(net.parents(i)).mapToObj(p -> net.variable(p).name()).toList())
                    .isEqualTo(java.util.Arrays.stream(asia.parents(a)).mapToObj(p -> asia.variable(p).name()).toList());
            assertThat(net.cpt(i)).isDeepEqualTo(asia.cpt(a));
        }
    }

    @Test
    void builderRejectsBadTablesWithoutLocation() {
        var b = BayesNet.builder("x").variable("A", "a1", "a2").variable("B", "b1", "b2");
        assertThatThrownBy(() -> b.root("A", 0.5, 0.5).build())
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(BifFormatException.class)
                .hasMessageContaining("'B' has no probability table");
        assertThatThrownBy(() -> BayesNet.builder("x").variable("A", "a1", "a2").root("A", 0.5, 0.6).build())
                .hasMessageContaining("sums to 1.1");
        assertThatThrownBy(() -> BayesNet.builder("x").variable("A", "a1", "a2")
                .cpt("A", List.of("Q"), new double[][] {{1, 0}}).build())
                .hasMessageContaining("unknown parent variable 'Q'");
        assertThatThrownBy(() -> Variable.of("A", "x y")).hasMessageContaining("'x y'");
        assertThatThrownBy(() -> Networks.asia().sample(0, 1)).hasMessageContaining("got 0");
    }
}
