package org.causalheads.bn;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.causalheads.bn.BayesNet.Loc;

/**
 * Reads and writes discrete Bayesian networks in the BIF format of the bnlearn repository.
 *
 * <h2>What is read</h2>
 * <pre>
 * network NAME { property ... ; }             // NAME a word or a "quoted string"
 * variable X {
 *   type discrete [ 3 ] { s1, s2, s3 };        // an '=' before '{' is accepted too
 *   property ... ;                            // any number, kept as text
 * }
 * probability ( X ) { table 0.2, 0.3, 0.5; }
 * probability ( X | A, B ) {
 *   (a1, b1) 0.1, 0.2, 0.7;                    // one row per parent configuration, any order
 *   default 0.3, 0.3, 0.4;                     // optional: for every configuration not listed
 * }
 * probability ( X | A ) { table 0.1, 0.9, 0.4, 0.6; }  // all X=x1 entries, then X=x2, ...
 * </pre>
 * Blocks may come in any order; layout is free; {@code //} and {@code /* *}{@code /} comments are
 * skipped. Words (names, states, numbers) are runs of characters other than whitespace and
 * {@code { } [ ] ( ) , ; | "}, so states such as {@code <5}, {@code >=7.5}, {@code 0-3_days},
 * {@code Asy/Patch} or {@code Transp.} are fine; a {@code "quoted string"} is one word. Keywords are
 * case-insensitive. Properties inside probability blocks are skipped. A {@code table} for a node with
 * parents lists the entries with the child's state varying slowest and, within one child state, the
 * parent configurations in row order (last parent fastest) - the convention of JavaBayes and pgmpy.
 *
 * <h2>Errors</h2>
 * Syntax errors and invalid networks throw {@link BifFormatException} with line and column and what
 * was expected: truncated text, unknown variables or states, a declared state count that differs from
 * the states listed, a row of the wrong length or listed twice, a missing row for a parent
 * configuration (with no {@code default}), a row not summing to 1 within
 * {@link BayesNet#SUM_TOLERANCE} (rows within it are renormalised), a variable without a table, a
 * cycle.
 *
 * <h2>What is written</h2>
 * bnlearn's layout: the network block, the variables in declaration order, then one probability
 * block per variable in the same order, with explicit rows. Numbers are written in the shortest
 * decimal form that reads back to the same {@code double}, so {@code read(write(net)).equals(net)}.
 */
public final class Bif {

    private Bif() {
    }

    /** Reads a network from BIF text. */
    public static BayesNet read(String text) {
        return new Parser(text).parse();
    }

    /** Reads a network from a BIF file (UTF-8). */
    public static BayesNet read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Writes a network as BIF text. */
    public static String write(BayesNet net) {
        return write(net, "");
    }

    /**
     * Writes a network as BIF text, preceded by {@code comment} as {@code //} comment lines (for
     * provenance: where the tables come from). An empty comment writes none.
     */
    public static String write(BayesNet net, String comment) {
        StringBuilder sb = new StringBuilder();
        if (comment != null && !comment.isEmpty()) {
            for (String line : comment.split("\\R", -1)) {
                sb.append("//").append(line.isEmpty() ? "" : " " + line).append('\n');
            }
        }
        String name = net.name();
        sb.append("network ").append(isWord(name) ? name : "\"" + name + "\"").append(" {\n");
        for (String p : net.properties()) {
            sb.append("  property ").append(p).append(" ;\n");
        }
        sb.append("}\n");
        int[] order = net.declarationOrder();
        for (int i : order) {
            Variable v = net.variable(i);
            sb.append("variable ").append(v.name()).append(" {\n");
            sb.append("  type discrete [ ").append(v.size()).append(" ] { ")
                    .append(String.join(", ", v.states())).append(" };\n");
            for (String p : net.variableProperties(i)) {
                sb.append("  property ").append(p).append(" ;\n");
            }
            sb.append("}\n");
        }
        for (int i : order) {
            Variable v = net.variable(i);
            int[] p = net.parents(i);
            double[][] cpt = net.cpt(i);
            sb.append("probability ( ").append(v.name());
            for (int m = 0; m < p.length; m++) {
                sb.append(m == 0 ? " | " : ", ").append(net.variable(p[m]).name());
            }
            sb.append(" ) {\n");
            if (p.length == 0) {
                sb.append("  table ");
                appendNumbers(sb, cpt[0]);
                sb.append(";\n");
            } else {
                int[] a = new int[p.length];
                for (int c = 0; c < cpt.length; c++) {
                    int rem = c;
                    for (int m = p.length - 1; m >= 0; m--) {
                        int card = net.variable(p[m]).size();
                        a[m] = rem % card;
                        rem /= card;
                    }
                    sb.append("  (");
                    for (int m = 0; m < p.length; m++) {
                        sb.append(m == 0 ? "" : ", ").append(net.variable(p[m]).states().get(a[m]));
                    }
                    sb.append(") ");
                    appendNumbers(sb, cpt[c]);
                    sb.append(";\n");
                }
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    /** Writes a network to a BIF file (UTF-8), creating parent folders. */
    public static void write(BayesNet net, Path file) throws IOException {
        write(net, "", file);
    }

    /** Writes a network to a BIF file (UTF-8) with a leading comment, creating parent folders. */
    public static void write(BayesNet net, String comment, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, write(net, comment), StandardCharsets.UTF_8);
    }

    private static void appendNumbers(StringBuilder sb, double[] row) {
        for (int s = 0; s < row.length; s++) {
            sb.append(s == 0 ? "" : ", ").append(BigDecimal.valueOf(row[s]).toPlainString());
        }
    }

    private static boolean isWord(String w) {
        try {
            Variable.checkWord(w, "name");
            return !w.startsWith("\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ================================================================ lexer + parser

    private enum Kind { WORD, STRING, PUNCT, EOF }

    private record Token(Kind kind, String text, int line, int col, int start, int end) {
        Loc loc() {
            return new Loc(line, col);
        }

        String show() {
            return switch (kind) {
                case EOF -> "the end of the text (is it truncated?)";
                case STRING -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private record Row(List<Token> states, double[] values, Token at) {
    }

    private record ProbBlock(Token child, List<Token> parents, Token at, List<Row> rows, Row table, Row dflt) {
    }

    private static final class Parser {
        private final String src;
        private final List<Token> toks = new ArrayList<>();
        private int pos;

        Parser(String src) {
            if (src == null) {
                throw new IllegalArgumentException("BIF text must not be null");
            }
            this.src = src;
            lex();
        }

        // ---------------------------------------------------------- lexer

        private void lex() {
            int i = 0;
            int line = 1;
            int lineStart = 0;
            int n = src.length();
            while (i < n) {
                char c = src.charAt(i);
                if (c == '\n') {
                    line++;
                    lineStart = i + 1;
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                    while (i < n && src.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                    int l0 = line;
                    int c0 = i - lineStart + 1;
                    int close = src.indexOf("*/", i + 2);
                    if (close < 0) {
                        throw new BifFormatException(l0, c0, "comment '/*' is never closed with '*/'");
                    }
                    for (int k = i; k < close; k++) {
                        if (src.charAt(k) == '\n') {
                            line++;
                            lineStart = k + 1;
                        }
                    }
                    i = close + 2;
                } else if ("{}[](),;|".indexOf(c) >= 0) {
                    toks.add(new Token(Kind.PUNCT, String.valueOf(c), line, i - lineStart + 1, i, i + 1));
                    i++;
                } else if (c == '"') {
                    int close = src.indexOf('"', i + 1);
                    int nl = src.indexOf('\n', i + 1);
                    if (close < 0 || (nl >= 0 && nl < close)) {
                        throw new BifFormatException(line, i - lineStart + 1, "string is never closed with '\"'");
                    }
                    toks.add(new Token(Kind.STRING, src.substring(i + 1, close), line, i - lineStart + 1, i,
                            close + 1));
                    i = close + 1;
                } else {
                    int s = i;
                    while (i < n) {
                        char d = src.charAt(i);
                        if (Character.isWhitespace(d) || "{}[](),;|\"".indexOf(d) >= 0
                                || (d == '/' && i + 1 < n && (src.charAt(i + 1) == '/' || src.charAt(i + 1) == '*'))) {
                            break;
                        }
                        i++;
                    }
                    toks.add(new Token(Kind.WORD, src.substring(s, i), line, s - lineStart + 1, s, i));
                }
            }
            toks.add(new Token(Kind.EOF, "", line, n - lineStart + 1, n, n));
        }

        // ---------------------------------------------------------- helpers

        private Token peek() {
            return toks.get(pos);
        }

        private Token next() {
            Token t = toks.get(pos);
            if (t.kind != Kind.EOF) {
                pos++;
            }
            return t;
        }

        private static BifFormatException error(Token t, String expected) {
            return new BifFormatException(t.line, t.col, "expected " + expected + " but found " + t.show());
        }

        private boolean isPunct(Token t, char c) {
            return t.kind == Kind.PUNCT && t.text.charAt(0) == c;
        }

        private boolean isKeyword(Token t, String kw) {
            return t.kind == Kind.WORD && t.text.equalsIgnoreCase(kw);
        }

        private Token expect(char c, String context) {
            Token t = next();
            if (!isPunct(t, c)) {
                throw error(t, "'" + c + "' " + context);
            }
            return t;
        }

        private Token name(String what) {
            Token t = next();
            if (t.kind != Kind.WORD && t.kind != Kind.STRING) {
                throw error(t, what);
            }
            return t;
        }

        /** Text of a property up to (excluding) ';', consumed with the ';'. */
        private String property() {
            Token first = peek();
            while (!isPunct(peek(), ';')) {
                Token t = next();
                if (t.kind == Kind.EOF || isPunct(t, '}')) {
                    throw error(t, "';' to end the property starting at line " + first.line);
                }
            }
            Token semi = next();
            return src.substring(first.start, semi.start).strip().replaceAll("\\s+", " ");
        }

        private double number(Token t) {
            if (t.kind == Kind.WORD) {
                try {
                    return Double.parseDouble(t.text);
                } catch (NumberFormatException e) {
                    // fall through
                }
            }
            throw error(t, "a probability (a number)");
        }

        /** Numbers separated by commas (or just whitespace) up to ';', which is consumed. */
        private double[] numbers(String context) {
            List<Double> vals = new ArrayList<>();
            vals.add(number(next()));
            while (true) {
                Token t = peek();
                if (isPunct(t, ';')) {
                    next();
                    break;
                }
                if (isPunct(t, ',')) {
                    next();
                    vals.add(number(next()));
                } else if (t.kind == Kind.WORD) {
                    vals.add(number(next()));
                } else {
                    throw error(t, "',' or ';' in " + context);
                }
            }
            return vals.stream().mapToDouble(Double::doubleValue).toArray();
        }

        // ---------------------------------------------------------- grammar

        BayesNet parse() {
            String netName = null;
            List<String> netProps = new ArrayList<>();
            LinkedHashMap<String, Token> varTok = new LinkedHashMap<>();
            Map<String, List<Token>> varStates = new HashMap<>();
            Map<String, List<String>> varProps = new HashMap<>();
            List<ProbBlock> blocks = new ArrayList<>();
            Token networkTok = null;
            while (peek().kind != Kind.EOF) {
                Token kw = next();
                if (isKeyword(kw, "network")) {
                    if (networkTok != null) {
                        throw new BifFormatException(kw.line, kw.col, "second 'network' block (the first is at line "
                                + networkTok.line + ")");
                    }
                    networkTok = kw;
                    netName = name("a network name after 'network'").text;
                    expect('{', "to open the network block");
                    while (!isPunct(peek(), '}')) {
                        Token t = next();
                        if (isKeyword(t, "property")) {
                            netProps.add(property());
                        } else {
                            throw error(t, "'property' or '}' in the network block");
                        }
                    }
                    next();
                } else if (isKeyword(kw, "variable")) {
                    Token vt = name("a variable name after 'variable'");
                    if (varTok.containsKey(vt.text)) {
                        throw new BifFormatException(vt.line, vt.col, "variable '" + vt.text
                                + "' declared twice (first at line " + varTok.get(vt.text).line + ")");
                    }
                    expect('{', "to open the block of variable '" + vt.text + "'");
                    List<String> props = new ArrayList<>();
                    List<Token> states = null;
                    while (!isPunct(peek(), '}')) {
                        Token t = next();
                        if (isKeyword(t, "property")) {
                            props.add(property());
                        } else if (isKeyword(t, "type")) {
                            if (states != null) {
                                throw new BifFormatException(t.line, t.col, "second 'type' for variable '" + vt.text + "'");
                            }
                            states = type(vt);
                        } else {
                            throw error(t, "'type', 'property' or '}' in the block of variable '" + vt.text + "'");
                        }
                    }
                    next();
                    if (states == null) {
                        throw new BifFormatException(vt.line, vt.col, "variable '" + vt.text
                                + "' has no 'type discrete [ k ] { ... };' line");
                    }
                    varTok.put(vt.text, vt);
                    varStates.put(vt.text, states);
                    varProps.put(vt.text, props);
                } else if (isKeyword(kw, "probability")) {
                    blocks.add(probability(kw));
                } else {
                    throw error(kw, "'network', 'variable' or 'probability'");
                }
            }
            if (networkTok == null) {
                netName = "unknown";
            }
            return assemble(netName, netProps, varTok, varStates, varProps, blocks);
        }

        private List<Token> type(Token vt) {
            Token d = next();
            if (!isKeyword(d, "discrete")) {
                throw error(d, "'discrete' after 'type' (only discrete variables are supported)");
            }
            expect('[', "after 'discrete'");
            Token k = next();
            int declared;
            try {
                declared = Integer.parseInt(k.text);
            } catch (NumberFormatException e) {
                throw error(k, "the number of states (a positive integer)");
            }
            if (k.kind != Kind.WORD || declared < 1) {
                throw error(k, "the number of states (a positive integer)");
            }
            expect(']', "after the number of states");
            if (isKeyword(peek(), "=")) {
                next();
            }
            expect('{', "to open the list of states of '" + vt.text + "'");
            List<Token> states = new ArrayList<>();
            states.add(name("a state name"));
            while (true) {
                Token t = next();
                if (isPunct(t, '}')) {
                    break;
                }
                if (!isPunct(t, ',')) {
                    throw error(t, "',' or '}' in the list of states of '" + vt.text + "'");
                }
                states.add(name("a state name after ','"));
            }
            expect(';', "after the list of states of '" + vt.text + "'");
            if (states.size() != declared) {
                throw new BifFormatException(k.line, k.col, "variable '" + vt.text + "' declares " + declared
                        + " states but lists " + states.size());
            }
            for (int a = 0; a < states.size(); a++) {
                for (int b = 0; b < a; b++) {
                    if (states.get(a).text.equals(states.get(b).text)) {
                        Token s = states.get(a);
                        throw new BifFormatException(s.line, s.col, "state '" + s.text + "' listed twice for '"
                                + vt.text + "'");
                    }
                }
            }
            return states;
        }

        private ProbBlock probability(Token kw) {
            expect('(', "after 'probability'");
            Token child = name("a variable name after 'probability ('");
            List<Token> parents = new ArrayList<>();
            Token t = next();
            if (isPunct(t, '|')) {
                parents.add(name("a parent variable name after '|'"));
                while (true) {
                    t = next();
                    if (isPunct(t, ')')) {
                        break;
                    }
                    if (isPunct(t, ',')) {
                        parents.add(name("a parent variable name after ','"));
                    } else if (t.kind == Kind.WORD || t.kind == Kind.STRING) {
                        parents.add(t);
                    } else {
                        throw error(t, "',' or ')' in the parent list of '" + child.text + "'");
                    }
                }
            } else if (!isPunct(t, ')')) {
                throw error(t, "'|' or ')' after '" + child.text + "'");
            }
            expect('{', "to open the probability block of '" + child.text + "'");
            List<Row> rows = new ArrayList<>();
            Row table = null;
            Row dflt = null;
            while (!isPunct(peek(), '}')) {
                Token e = next();
                if (isKeyword(e, "table")) {
                    if (table != null) {
                        throw new BifFormatException(e.line, e.col, "second 'table' for '" + child.text + "'");
                    }
                    table = new Row(List.of(), numbers("the table of '" + child.text + "'"), e);
                } else if (isKeyword(e, "default")) {
                    if (dflt != null) {
                        throw new BifFormatException(e.line, e.col, "second 'default' row for '" + child.text + "'");
                    }
                    dflt = new Row(List.of(), numbers("the default row of '" + child.text + "'"), e);
                } else if (isKeyword(e, "property")) {
                    property();
                } else if (isPunct(e, '(')) {
                    List<Token> st = new ArrayList<>();
                    st.add(name("a parent state name"));
                    while (true) {
                        Token s = next();
                        if (isPunct(s, ')')) {
                            break;
                        }
                        if (isPunct(s, ',')) {
                            st.add(name("a parent state name after ','"));
                        } else if (s.kind == Kind.WORD || s.kind == Kind.STRING) {
                            st.add(s);
                        } else {
                            throw error(s, "',' or ')' in a parent configuration of '" + child.text + "'");
                        }
                    }
                    rows.add(new Row(st, numbers("a row of '" + child.text + "'"), e));
                } else {
                    throw error(e, "'(' (a row), 'table', 'default' or '}' in the probability block of '"
                            + child.text + "'");
                }
            }
            next();
            return new ProbBlock(child, parents, kw, rows, table, dflt);
        }

        // ---------------------------------------------------------- validation and assembly

        private BayesNet assemble(String netName, List<String> netProps, LinkedHashMap<String, Token> varTok,
                                  Map<String, List<Token>> varStates, Map<String, List<String>> varProps,
                                  List<ProbBlock> blocks) {
            BayesNet.Builder b = BayesNet.builder(netName);
            netProps.forEach(b::property);
            for (Map.Entry<String, Token> e : varTok.entrySet()) {
                String v = e.getKey();
                Token vt = e.getValue();
                Variable var;
                try {
                    var = new Variable(v, varStates.get(v).stream().map(Token::text).toList());
                } catch (IllegalArgumentException ex) {
                    throw new BifFormatException(vt.line, vt.col, ex.getMessage());
                }
                b.variable(var, vt.loc());
                varProps.get(v).forEach(p -> b.variableProperty(v, p));
            }
            Map<String, Token> seenBlock = new HashMap<>();
            for (ProbBlock pb : blocks) {
                String c = pb.child.text;
                if (!varTok.containsKey(c)) {
                    throw new BifFormatException(pb.child.line, pb.child.col, "probability block for unknown variable '"
                            + c + "'; declared variables are " + varTok.keySet());
                }
                if (seenBlock.containsKey(c)) {
                    throw new BifFormatException(pb.at.line, pb.at.col, "second probability block for '" + c
                            + "' (the first is at line " + seenBlock.get(c).line + ")");
                }
                seenBlock.put(c, pb.at);
                List<List<String>> pstates = new ArrayList<>();
                List<String> pnames = new ArrayList<>();
                for (Token p : pb.parents) {
                    if (!varTok.containsKey(p.text)) {
                        throw new BifFormatException(p.line, p.col, "unknown parent variable '" + p.text + "' of '" + c
                                + "'; declared variables are " + varTok.keySet());
                    }
                    pnames.add(p.text);
                    pstates.add(varStates.get(p.text).stream().map(Token::text).toList());
                }
                int states = varStates.get(c).size();
                int configs = 1;
                for (List<String> ps : pstates) {
                    configs *= ps.size();
                }
                double[][] rows = new double[configs][];
                Loc[] locs = new Loc[configs];
                if (pb.table != null) {
                    if (!pb.rows.isEmpty() || pb.dflt != null) {
                        throw new BifFormatException(pb.table.at.line, pb.table.at.col, "probability block of '" + c
                                + "' mixes 'table' with rows or 'default'; use one or the other");
                    }
                    double[] v = pb.table.values;
                    if (v.length != configs * states) {
                        throw new BifFormatException(pb.table.at.line, pb.table.at.col, "table of '" + c + "' has "
                                + v.length + " values, expected " + configs * states + " (" + states + " states x "
                                + configs + " parent configurations)");
                    }
                    for (int cf = 0; cf < configs; cf++) {
                        rows[cf] = new double[states];
                        for (int s = 0; s < states; s++) {
                            rows[cf][s] = v[s * configs + cf]; // child state slowest
                        }
                        locs[cf] = pb.table.at.loc();
                    }
                } else {
                    if (pb.parents.isEmpty()) {
                        Token at = pb.rows.isEmpty() ? pb.at : pb.rows.get(0).at;
                        throw new BifFormatException(at.line, at.col, "root variable '" + c
                                + "' needs 'table p1, p2, ...;'");
                    }
                    for (Row r : pb.rows) {
                        if (r.states.size() != pb.parents.size()) {
                            throw new BifFormatException(r.at.line, r.at.col, "row of '" + c + "' names "
                                    + r.states.size() + " parent states, expected " + pb.parents.size() + " (one for each of "
                                    + pnames + ")");
                        }
                        int cf = 0;
                        for (int m = 0; m < r.states.size(); m++) {
                            Token st = r.states.get(m);
                            int k = pstates.get(m).indexOf(st.text);
                            if (k < 0) {
                                throw new BifFormatException(st.line, st.col, "unknown state '" + st.text + "' of parent '"
                                        + pnames.get(m) + "'; its states are " + pstates.get(m));
                            }
                            cf = cf * pstates.get(m).size() + k;
                        }
                        if (rows[cf] != null) {
                            throw new BifFormatException(r.at.line, r.at.col, "row for parent configuration " + showConfig(r)
                                    + " of '" + c + "' given twice (first at line " + locs[cf].line() + ")");
                        }
                        checkLength(r, states, c);
                        rows[cf] = r.values;
                        locs[cf] = r.at.loc();
                    }
                    if (pb.dflt != null) {
                        checkLength(pb.dflt, states, c);
                    }
                    for (int cf = 0; cf < configs; cf++) {
                        if (rows[cf] == null) {
                            if (pb.dflt == null) {
                                throw new BifFormatException(pb.at.line, pb.at.col, "probability block of '" + c
                                        + "' has no row for parent configuration " + describe(cf, pstates)
                                        + " and no 'default' row");
                            }
                            rows[cf] = pb.dflt.values.clone();
                            locs[cf] = pb.dflt.at.loc();
                        }
                    }
                }
                b.cpt(c, pnames, rows, pb.at.loc(), locs);
            }
            return b.build();
        }

        private static void checkLength(Row r, int states, String c) {
            if (r.values.length != states) {
                throw new BifFormatException(r.at.line, r.at.col, (r.states.isEmpty() ? "default row" : "row "
                        + showConfig(r)) + " of '" + c + "' has " + r.values.length + " values, expected " + states
                        + " (one per state of '" + c + "')");
            }
        }

        private static String showConfig(Row r) {
            return "(" + String.join(", ", r.states.stream().map(Token::text).toList()) + ")";
        }

        private static String describe(int cf, List<List<String>> pstates) {
            String[] names = new String[pstates.size()];
            for (int m = pstates.size() - 1; m >= 0; m--) {
                names[m] = pstates.get(m).get(cf % pstates.get(m).size());
                cf /= pstates.get(m).size();
            }
            return "(" + String.join(", ", names) + ")";
        }
    }
}
