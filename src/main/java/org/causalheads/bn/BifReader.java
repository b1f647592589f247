package org.causalheads.bn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads discrete Bayesian networks in the BIF format of the bnlearn repository.
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
 * skipped (also inside a property, whose text keeps one space where a comment was). A UTF-8
 * byte-order mark at the start is skipped. Words (names, states, numbers) are runs of characters
 * other than whitespace and {@code { } [ ] ( ) , ; | "}, so states such as {@code <5},
 * {@code >=7.5}, {@code 0-3_days}, {@code Asy/Patch} or {@code Transp.} are fine; a
 * {@code "quoted string"} is one word. Keywords are case-insensitive. Properties inside
 * probability blocks are skipped. A {@code table} for a node with parents lists the entries with
 * the child's state varying slowest and, within one child state, the parent configurations in row
 * order (last parent fastest) - the convention of JavaBayes and pgmpy.
 *
 * <h2>Errors</h2>
 * Every malformed text throws {@link BifFormatException} with a line and column inside the text
 * and what was expected. This class checks the syntax (truncated text, a missing brace, a word
 * that is not a number, a declared state count that differs from the states listed); everything
 * about the network itself (unknown variables or states, duplicate parents, rows of the wrong
 * length, missing rows without {@code default}, rows not summing to 1, too large tables, cycles)
 * is checked once, by {@link BayesNetBuilder}, which receives every name and row with its
 * position. Nothing is allocated from a size in the file before the builder has checked it
 * against its cap on CPT entries ({@link BayesNetBuilder#DEFAULT_MAX_CPT_ENTRIES}).
 */
public final class BifReader {

    private BifReader() {
    }

    /** Reads a network from BIF text. */
    public static BayesNet read(String text) {
        return read(text, BayesNetBuilder.DEFAULT_MAX_CPT_ENTRIES);
    }

    /** Reads a network from BIF text, refusing any CPT with more than {@code maxCptEntries} entries. */
    public static BayesNet read(String text, long maxCptEntries) {
        return new Parser(text, maxCptEntries).parse();
    }

    /**
     * Reads a network from a BIF file (UTF-8; bytes that are not UTF-8 are a
     * {@link BifFormatException} at their place).
     */
    public static BayesNet read(Path file) throws IOException {
        return read(file, BayesNetBuilder.DEFAULT_MAX_CPT_ENTRIES);
    }

    /** Reads a BIF file with a cap on CPT entries; see {@link #read(Path)}. */
    public static BayesNet read(Path file, long maxCptEntries) throws IOException {
        return read(decode(Files.readAllBytes(file)), maxCptEntries);
    }

    /** Strict UTF-8 decoding; the first byte that is not UTF-8 is reported with its line and column. */
    static String decode(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int off = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < off; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int col = new String(bytes, lineStart, off - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new BifFormatException(line, col, String.format("byte 0x%02x is not UTF-8; expected a UTF-8 text",
                    off < bytes.length ? bytes[off] & 0xff : 0));
        }
        return out.flip().toString();
    }

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

    private static final class Parser {
        private final String src;
        private final long maxCptEntries;
        private final List<Token> toks = new ArrayList<>();
        private int pos;

        Parser(String text, long maxCptEntries) {
            if (text == null) {
                throw new IllegalArgumentException("BIF text must not be null");
            }
            this.src = text;
            this.maxCptEntries = maxCptEntries;
            lex();
        }

        // ---------------------------------------------------------- lexer

        private void lex() {
            int i = !src.isEmpty() && src.charAt(0) == '\uFEFF' ? 1 : 0; // a UTF-8 byte-order mark
            int line = 1;
            int lineStart = i;
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

        /**
         * Text of a property up to (excluding) ';', consumed with the ';': the tokens as written, one
         * space wherever whitespace or a comment separated two of them.
         */
        private String property() {
            Token first = peek();
            StringBuilder sb = new StringBuilder();
            Token prev = null;
            while (!isPunct(peek(), ';')) {
                Token t = next();
                if (t.kind == Kind.EOF || isPunct(t, '}')) {
                    throw error(t, "';' to end the property starting at line " + first.line);
                }
                if (prev != null && t.start > prev.end) {
                    sb.append(' ');
                }
                sb.append(src, t.start, t.end);
                prev = t;
            }
            next();
            return sb.toString();
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
            BayesNetBuilder b = null;
            Token networkTok = null;
            // the network block, wherever it is, names the builder: collect the blocks first
            List<Item> items = new ArrayList<>();
            while (peek().kind != Kind.EOF) {
                Token kw = next();
                if (isKeyword(kw, "network")) {
                    if (networkTok != null) {
                        throw new BifFormatException(kw.line, kw.col, "second 'network' block (the first is at line "
                                + networkTok.line + ")");
                    }
                    networkTok = kw;
                    Token nt = name("a network name after 'network'");
                    expect('{', "to open the network block");
                    List<Property> props = new ArrayList<>();
                    while (!isPunct(peek(), '}')) {
                        Token t = next();
                        if (isKeyword(t, "property")) {
                            Token at = peek();
                            props.add(new Property(property(), at));
                        } else {
                            throw error(t, "'property' or '}' in the network block");
                        }
                    }
                    next();
                    items.add(0, new NetworkBlock(nt, props));
                } else if (isKeyword(kw, "variable")) {
                    Token vt = name("a variable name after 'variable'");
                    expect('{', "to open the block of variable '" + vt.text + "'");
                    List<Property> props = new ArrayList<>();
                    List<Token> states = null;
                    while (!isPunct(peek(), '}')) {
                        Token t = next();
                        if (isKeyword(t, "property")) {
                            Token at = peek();
                            props.add(new Property(property(), at));
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
                    items.add(new VariableBlock(vt, states, props));
                } else if (isKeyword(kw, "probability")) {
                    items.add(probability(kw));
                } else {
                    throw error(kw, "'network', 'variable' or 'probability'");
                }
            }
            Token end = peek();
            if (networkTok == null) {
                b = new BayesNetBuilder("unknown", end.loc());
            }
            for (Item it : items) {
                if (it instanceof NetworkBlock nb) {
                    b = at(nb.name, () -> new BayesNetBuilder(nb.name.text, nb.name.loc()));
                    for (Property pr : nb.properties) {
                        b.property(pr.text, pr.at.loc());
                    }
                } else if (it instanceof VariableBlock vb) {
                    Variable var = at(vb.name, () -> new Variable(vb.name.text, vb.states.stream().map(Token::text).toList()));
                    b.variable(var, vb.name.loc());
                    for (Property pr : vb.properties) {
                        b.variableProperty(vb.name.text, pr.text, pr.at.loc());
                    }
                } else {
                    ((Block) it).addTo(b);
                }
            }
            b.maxCptEntries(maxCptEntries);
            return b.build();
        }

        /** Runs {@code f}; a plain {@link IllegalArgumentException} becomes a {@link BifFormatException} at {@code t}. */
        private static <T> T at(Token t, java.util.function.Supplier<T> f) {
            try {
                return f.get();
            } catch (BifFormatException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new BifFormatException(t.line, t.col, e.getMessage());
            }
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
            return states;
        }

        /** A parsed top-level block. */
        private sealed interface Item permits NetworkBlock, VariableBlock, Block {
        }

        /** A property's text and where it starts. */
        private record Property(String text, Token at) {
        }

        private record NetworkBlock(Token name, List<Property> properties) implements Item {
        }

        private record VariableBlock(Token name, List<Token> states, List<Property> properties) implements Item {
        }

        /** A parsed probability block, handed to the builder as it is. */
        private record Block(Token kw, Token child, List<Token> parents, List<BayesNetBuilder.StateRow> rows,
                             double[] table, Token tableAt, double[] dflt, Token dfltAt) implements Item {
            void addTo(BayesNetBuilder b) {
                List<String> names = parents.stream().map(Token::text).toList();
                List<Loc> locs = parents.stream().map(Token::loc).toList();
                if (table != null) {
                    b.flatTable(child.text, names, locs, table, tableAt.loc(), kw.loc());
                } else {
                    b.listedRows(child.text, names, locs, rows, dflt, dfltAt == null ? null : dfltAt.loc(), kw.loc());
                }
            }
        }

        private Block probability(Token kw) {
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
            List<BayesNetBuilder.StateRow> rows = new ArrayList<>();
            double[] table = null;
            double[] dflt = null;
            Token tableAt = null;
            Token dfltAt = null;
            while (!isPunct(peek(), '}')) {
                Token e = next();
                if (isKeyword(e, "table")) {
                    if (table != null) {
                        throw new BifFormatException(e.line, e.col, "second 'table' for '" + child.text + "'");
                    }
                    tableAt = e;
                    table = numbers("the table of '" + child.text + "'");
                } else if (isKeyword(e, "default")) {
                    if (dflt != null) {
                        throw new BifFormatException(e.line, e.col, "second 'default' row for '" + child.text + "'");
                    }
                    dfltAt = e;
                    dflt = numbers("the default row of '" + child.text + "'");
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
                    double[] values = numbers("a row of '" + child.text + "'");
                    rows.add(new BayesNetBuilder.StateRow(st.stream().map(Token::text).toList(),
                            st.stream().map(Token::loc).toList(), values, e.loc()));
                } else {
                    throw error(e, "'(' (a row), 'table', 'default' or '}' in the probability block of '"
                            + child.text + "'");
                }
                if (table != null && (!rows.isEmpty() || dflt != null)) {
                    throw new BifFormatException(tableAt.line, tableAt.col, "probability block of '" + child.text
                            + "' mixes 'table' with rows or 'default'; use one or the other");
                }
            }
            next();
            return new Block(kw, child, parents, rows, table, tableAt, dflt, dfltAt);
        }
    }
}
