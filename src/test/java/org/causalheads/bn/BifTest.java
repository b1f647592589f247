package org.causalheads.bn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.causalheads.dag.Dag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BifTest {

    private static final double ROW_SUM_TOL = 1e-9;

    /** Parent lists as written in the file's probability headers, found by a regex, not by the parser. */
    private static Map<String, List<String>> headers(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("probability\\s*\\(([^)]*)\\)").matcher(text);
        while (m.find()) {
            String[] parts = m.group(1).split("\\|");
            List<String> ps = new ArrayList<>();
            if (parts.length > 1) {
                for (String p : parts[1].split(",")) {
                    ps.add(p.trim());
                }
            }
            out.put(parts[0].trim(), ps);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"asia", "cancer", "child"})
    void readsSharedFilesWithTheDeclaredNodesAndEdges(String name) throws IOException {
        Path file = SharedData.bif(name);
        String text = Files.readString(file);
        int declaredVariables = (int) Pattern.compile("(?m)^\\s*variable\\s+\\S+\\s*\\{").matcher(text).results().count();
        Map<String, List<String>> headers = headers(text);
        int declaredEdges = headers.values().stream().mapToInt(List::size).sum();

        BayesNet net = Bif.read(file);

        assertThat(net.size()).isEqualTo(declaredVariables);
        assertThat(net.edgeCount()).isEqualTo(declaredEdges);
        Dag dag = net.toDag();
        assertThat(dag.size()).isEqualTo(declaredVariables);
        assertThat(dag.edgeCount()).isEqualTo(declaredEdges);
        assertThat(dag.names()).isEqualTo(net.names());
        for (int i = 0; i < net.size(); i++) {
            // parent slots in the order written, all earlier in the topological order
            List<String> written = headers.get(net.variable(i).name());
            int[] p = dag.parents(i);
            assertThat(Arrays.stream(p).mapToObj(q -> net.variable(q).name()).toList()).isEqualTo(written);
            for (int q : p) {
                assertThat(q).isLessThan(i);
            }
            // every CPT row a distribution over the node's states
            for (double[] row : net.cpt(i)) {
                assertThat(row).hasSize(net.variable(i).size());
                assertThat(Arrays.stream(row).sum()).isCloseTo(1.0, within(ROW_SUM_TOL));
                for (double v : row) {
                    assertThat(v).isBetween(0.0, 1.0);
                }
            }
        }
        // declaration order is a permutation that maps back
        int[] order = net.declarationOrder();
        for (int d = 0; d < order.length; d++) {
            assertThat(net.declarationIndex(order[d])).isEqualTo(d);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asia", "cancer", "child"})
    void writeThenReadGivesAnEqualNetwork(String name) throws IOException {
        BayesNet net = Bif.read(SharedData.bif(name));
        String text = Bif.write(net);
        BayesNet back = Bif.read(text);
        assertThat(back).isEqualTo(net);
        assertThat(Bif.write(back)).isEqualTo(text);
    }

    @Test
    void childStatesWithSymbolsAreRead() throws IOException {
        BayesNet child = Bif.read(SharedData.bif("child"));
        assertThat(child.variable(child.indexOf("CO2Report")).states()).containsExactly("<7.5", ">=7.5");
        assertThat(child.variable(child.indexOf("CardiacMixing")).states()).contains("Transp.");
    }

    // ------------------------------------------------------------------ format coverage

    private static final String SMALL = """
            /* a block comment
               over two lines */
            network "two words" {   // a line comment
              property author = someone ;
            }
            variable B { type discrete[3] = { b.1, b-2, b_3 }; property position = (1, 2) ; }
            variable A {
              type discrete [ 2 ] { "yes", no };
            }
            probability ( B | A ) {
              default 0.2, 0.3, 0.5;
              ( yes ) 0.6,0.3,0.1 ;
            }
            probability(A){table 0.25 0.75;}
            """;

    @Test
    void readsCommentsQuotesPropertiesDefaultsAndFreeLayout() {
        BayesNet net = Bif.read(SMALL);
        assertThat(net.name()).isEqualTo("two words");
        assertThat(net.properties()).containsExactly("author = someone");
        assertThat(net.names()).containsExactly("A", "B"); // topological, though B is declared first
        assertThat(net.declarationIndex(0)).isEqualTo(1);
        assertThat(net.variable(1).states()).containsExactly("b.1", "b-2", "b_3");
        assertThat(net.variableProperties(1)).containsExactly("position = (1, 2)");
        assertThat(net.row(1, 0)).containsExactly(0.6, 0.3, 0.1);
        assertThat(net.row(1, 1)).containsExactly(0.2, 0.3, 0.5); // from the default row
        assertThat(Bif.read(Bif.write(net))).isEqualTo(net);
    }

    @Test
    void tableForAConditionalListsChildStatesSlowest() {
        BayesNet net = Bif.read("""
                variable A { type discrete [ 2 ] { a1, a2 }; }
                variable X { type discrete [ 2 ] { x1, x2 }; }
                probability ( A ) { table 0.5, 0.5; }
                probability ( X | A ) { table 0.1, 0.4, 0.9, 0.6; }
                """);
        assertThat(net.row(1, 0)).containsExactly(0.1, 0.9);
        assertThat(net.row(1, 1)).containsExactly(0.4, 0.6);
    }

    @Test
    void rowsWithinToleranceAreRenormalised() {
        BayesNet net = Bif.read("""
                variable A { type discrete [ 2 ] { a1, a2 }; }
                probability ( A ) { table 0.3, 0.7005; }
                """);
        assertThat(Arrays.stream(net.cpt(0)[0]).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(Bif.read(Bif.write(net))).isEqualTo(net);
    }

    // ------------------------------------------------------------------ bad input

    private static final String HEAD = """
            network bad {
            }
            variable A {
              type discrete [ 2 ] { a1, a2 };
            }
            variable B {
              type discrete [ 2 ] { b1, b2 };
            }
            """;

    private static void assertFailsAtLine(String text, int line, String... words) {
        assertThatThrownBy(() -> Bif.read(text))
                .isInstanceOf(BifFormatException.class)
                .satisfies(e -> assertThat(((BifFormatException) e).line()).isEqualTo(line))
                .hasMessageStartingWith("line " + line + ", column ")
                .hasMessageContainingAll(words);
    }

    @Test
    void unknownVariableIsReportedWithItsLine() {
        assertFailsAtLine(HEAD + """
                probability ( A ) { table 0.5, 0.5; }
                probability ( B | C ) {
                  (c1) 0.5, 0.5;
                }
                """, 10, "unknown parent variable 'C'");
        assertFailsAtLine(HEAD + """
                probability ( A ) { table 0.5, 0.5; }
                probability ( B ) { table 0.5, 0.5; }
                probability ( Z ) { table 0.5, 0.5; }
                """, 11, "unknown variable 'Z'");
    }

    @Test
    void unknownStateIsReportedWithItsLine() {
        assertFailsAtLine(HEAD + """
                probability ( A ) { table 0.5, 0.5; }
                probability ( B | A ) {
                  (a1) 0.5, 0.5;
                  (a3) 0.5, 0.5;
                }
                """, 12, "unknown state 'a3'", "[a1, a2]");
    }

    @Test
    void wrongRowLengthIsReportedWithItsLine() {
        assertFailsAtLine(HEAD + """
                probability ( A ) { table 0.5, 0.5; }
                probability ( B | A ) {
                  (a1) 0.5, 0.5;
                  (a2) 0.2, 0.3, 0.5;
                }
                """, 12, "3 values, expected 2");
    }

    @Test
    void rowNotSummingToOneIsReportedWithItsLine() {
        assertFailsAtLine(HEAD + """
                probability ( A ) { table 0.5, 0.5; }
                probability ( B | A ) {
                  (a1) 0.5, 0.5;
                  (a2) 0.2, 0.7;
                }
                """, 12, "row (a2) of 'B' sums to 0.9", "expected 1 within");
    }

    @Test
    void missingRowIsReportedWithTheBlockLine() {
        assertFailsAtLine(HEAD + """
                probability ( A ) { table 0.5, 0.5; }
                probability ( B | A ) {
                  (a1) 0.5, 0.5;
                }
                """, 10, "no row for parent configuration (a2)");
    }

    @Test
    void cycleIsReportedWithALineOnIt() {
        assertFailsAtLine(HEAD + """
                probability ( A | B ) {
                  (b1) 0.5, 0.5;
                  (b2) 0.5, 0.5;
                }
                probability ( B | A ) {
                  (a1) 0.5, 0.5;
                  (a2) 0.5, 0.5;
                }
                """, 9, "cycle", "A -> B", "B -> A");
    }

    @Test
    void truncatedTextIsReportedAtTheEnd() {
        String text = HEAD + """
                probability ( A ) { table 0.5, 0.5; }
                probability ( B | A ) {
                  (a1) 0.5,""";
        assertFailsAtLine(text, 11, "expected a probability", "end of the text");
        assertFailsAtLine(HEAD.substring(0, HEAD.indexOf("{ a1")), 4, "'{'", "end of the text");
    }

    @Test
    void syntaxErrorsSayWhatWasExpected() {
        assertFailsAtLine(HEAD + "probability ( A ) { tabel 0.5, 0.5; }\n", 9, "expected '(' (a row), 'table'", "'tabel'");
        assertFailsAtLine("variable A { type discrete [ 3 ] { a1, a2 }; }\n", 1, "declares 3 states but lists 2");
        assertFailsAtLine(HEAD + "probability ( A ) { table 0.5, x; }\n", 9, "expected a probability (a number)", "'x'");
        assertFailsAtLine("/* never closed\nvariable A", 1, "never closed");
        assertFailsAtLine(HEAD + "probability ( A ) { table 0.5, 0.5; }\n", 6, "'B' has no probability table");
    }

    // ------------------------------------------------------------------ hostile input

    private static BifFormatException failure(String text) {
        try {
            Bif.read(text);
        } catch (BifFormatException e) {
            return e;
        }
        throw new AssertionError("read without error: " + text);
    }

    @Test
    void anEmptyOrBlankTextFailsWithAPosition() {
        BifFormatException empty = failure("");
        assertThat(empty.line()).isEqualTo(1);
        assertThat(empty.column()).isEqualTo(1);
        assertThat(empty.getMessage()).contains("no variables");
        BifFormatException blank = failure("\n\n  // only a comment\n");
        assertThat(blank.line()).isEqualTo(4);
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        String text = Bif.write(Networks.asia());
        assertThat(Bif.read("\uFEFF" + text)).isEqualTo(Bif.read(text));
        Path f = Files.createTempFile("bom", ".bif");
        try {
            byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] withBom = new byte[body.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(body, 0, withBom, 3, body.length);
            Files.write(f, withBom);
            assertThat(Bif.read(f)).isEqualTo(Bif.read(text));
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void bytesThatAreNotUtf8FailWithTheirPosition() throws IOException {
        Path f = Files.createTempFile("latin1", ".bif");
        try {
            Files.write(f, "network x {\n}\nvariable A\u00e9 {\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> Bif.read(f)).isInstanceOf(BifFormatException.class)
                    .hasMessageStartingWith("line 3, column 11: byte 0xe9 is not UTF-8");
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void minusZeroReadsBackEqual() {
        BayesNet net = Bif.read("""
                variable A { type discrete [ 2 ] { a1, a2 }; }
                probability ( A ) { table -0, 1; }
                """);
        assertThat(Double.doubleToRawLongBits(net.cpt(0)[0][0])).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(Bif.read(Bif.write(net))).isEqualTo(net);
    }

    @Test
    void thirtyOneCopiesOfOneParentAreRejectedBeforeAnyTableIsAllocated() {
        String parents = String.join(", ", java.util.Collections.nCopies(31, "A"));
        BifFormatException e = failure(HEAD + "probability ( A ) { table 0.5, 0.5; }\n"
                + "probability ( B | " + parents + " ) { default 0.5, 0.5; }\n");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.getMessage()).contains("parent 'A' listed twice for 'B'");
    }

    @Test
    void aTableAboveTheEntryCapIsRejectedWithoutAllocatingIt() {
        StringBuilder sb = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (int v = 0; v < 40; v++) {
            sb.append("variable V").append(v).append(" { type discrete [ 2 ] { a, b }; }\n");
            names.add("V" + v);
        }
        for (int v = 0; v < 39; v++) {
            sb.append("probability ( V").append(v).append(" ) { table 0.5, 0.5; }\n");
        }
        sb.append("probability ( V39 | ").append(String.join(", ", names.subList(0, 39))).append(" ) { default 0.5, 0.5; }\n");
        BifFormatException e = failure(sb.toString());
        assertThat(e.line()).isEqualTo(80);
        assertThat(e.getMessage()).contains("more than " + BayesNetBuilder.DEFAULT_MAX_CPT_ENTRIES + " entries");
        // a smaller configurable cap refuses an ordinary table
        assertThatThrownBy(() -> BifReader.read(Bif.write(Networks.asia()), 3)).isInstanceOf(BifFormatException.class)
                .hasMessageContaining("more than 3 entries");
    }

    @Test
    void propertiesWithCommentsOrQuotedSemicolonsAndAnEmptyNetworkNameHaveAPosition() {
        BayesNet net = Bif.read("""
                network n { property a = 1 /* note */ b ; }
                variable A { type discrete [ 2 ] { a1, a2 }; property x // tail
                  y ; }
                probability ( A ) { table 0.5, 0.5; }
                """);
        assertThat(net.properties()).containsExactly("a = 1 b");
        assertThat(net.variableProperties(0)).containsExactly("x y");
        assertThat(Bif.read(Bif.write(net))).isEqualTo(net);
        BifFormatException quoted = failure("""
                network n { }
                variable A { type discrete [ 2 ] { a1, a2 }; property label = "x;y" ; }
                probability ( A ) { table 0.5, 0.5; }
                """);
        assertThat(quoted.line()).isEqualTo(2);
        assertThat(quoted.getMessage()).contains("';'");
        BifFormatException name = failure("""
                network "" { }
                variable A { type discrete [ 2 ] { a1, a2 }; }
                probability ( A ) { table 0.5, 0.5; }
                """);
        assertThat(name.line()).isEqualTo(1);
        assertThat(name.column()).isEqualTo(9);
    }
}
