package org.causalheads.bn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of the shipped {@code asia.bif} and of the shared bnlearn files (when present,
 * found as {@link SharedData} finds them): byte flips, deleted and duplicated lines, truncation,
 * swapped tokens, garbage numbers, repeated parents, huge state counts, inserted punctuation and
 * byte-order marks, one to three at a time. Each mutated text must either read into a network
 * that writes and reads back equal, or fail with a {@link BifFormatException} whose line and
 * column lie inside the text; within a bound on time and on bytes allocated. Any other outcome
 * fails the test with the text saved under {@code target/bif-fuzz/}.
 */
class BifFuzzTest {

    /** Mutated texts per run. */
    static final int CASES = 10_000;
    /** Hang detector, not a speed target: one case far beyond any reasonable parse time. */
    private static final long MAX_NANOS_PER_CASE = 10_000_000_000L;
    /** Allocation bound of one case: a generous multiple of its size plus the CPT cap's 32 MB. */
    private static final long ALLOCATION_SLACK = 96L << 20;

    private static final String[] GARBAGE_NUMBERS = {"NaN", "-1", "1e309", "-0", "-0.0", "0x1p-3", "1e-400", "Infinity",
        "9".repeat(400), "abc", "1,2", "0.5.5", "+0.25", "1e", "--1", "2147483648", "-2147483649", "0"};
    private static final String PUNCT = "{}[](),;|\"/*\n\t =\u0000\uFEFF";
    private static final Pattern HEADER = Pattern.compile("probability\\s*\\(\\s*(\\S+)\\s*\\|\\s*([^)]*)\\)");
    private static final Pattern TYPE = Pattern.compile("discrete\\s*\\[\\s*(\\d+)\\s*\\]\\s*\\{([^}]*)\\}");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+\\.\\d+(?![\\w.])|(?<=\\[ )\\d+(?= \\])");

    private static Map<String, byte[]> seeds() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        try (InputStream in = BifFuzzTest.class.getResourceAsStream("/org/causalheads/bn/asia.bif")) {
            assertThat(in).as("shipped asia.bif").isNotNull();
            seeds.put("shipped asia", in.readAllBytes());
        }
        List<Path> where = SharedData.candidates(System.getProperty("shared.data"), Path.of(""));
        for (String name : List.of("asia", "cancer", "child")) {
            Optional<Path> f = SharedData.find(name, where);
            if (f.isPresent()) {
                seeds.put("shared " + name, Files.readAllBytes(f.get()));
            }
        }
        return seeds;
    }

    @Test
    void everyMutationReadsBackEqualOrFailsWithAPositionInsideTheText() throws IOException {
        Map<String, byte[]> seeds = seeds();
        List<String> names = new ArrayList<>(seeds.keySet());
        for (String n : names) {
            BayesNet net = BifReader.read(BifReader.decode(seeds.get(n)));
            assertThat(BifReader.read(BifWriter.write(net))).as(n).isEqualTo(net);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        SplittableRandom rng = new SplittableRandom(20240610L);
        int parsed = 0;
        int rejected = 0;
        for (int c = 0; c < CASES; c++) {
            String seedName = names.get(c % names.size());
            byte[] text = seeds.get(seedName);
            int ops = 1 + rng.nextInt(3);
            List<String> applied = new ArrayList<>();
            for (int o = 0; o < ops; o++) {
                int op = rng.nextInt(11);
                applied.add(Integer.toString(op));
                text = mutate(text, op, rng);
            }
            String what = "case " + c + " (" + seedName + ", mutations " + applied + ")";
            long a0 = threads.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            String outcome;
            try {
                BayesNet net = BifReader.read(BifReader.decode(text));
                BayesNet back = BifReader.read(BifWriter.write(net));
                outcome = back.equals(net) ? null : "read back a different network";
                parsed++;
            } catch (BifFormatException e) {
                outcome = inside(text, e) ? null : "position line " + e.line() + ", column " + e.column()
                        + " outside the text: " + e.getMessage();
                rejected++;
            } catch (Throwable e) {
                outcome = "threw " + e;
            }
            long nanos = System.nanoTime() - t0;
            long allocated = threads.getThreadAllocatedBytes(tid) - a0;
            if (outcome == null && nanos > MAX_NANOS_PER_CASE) {
                outcome = "took " + nanos / 1e9 + " s";
            }
            if (outcome == null && allocated > ALLOCATION_SLACK + 200L * text.length) {
                outcome = "allocated " + allocated / 1e6 + " MB for " + text.length + " bytes";
            }
            if (outcome != null) {
                Path dir = Path.of("target", "bif-fuzz");
                Files.createDirectories(dir);
                Path saved = dir.resolve("case-" + c + ".bif");
                Files.write(saved, text);
                throw new AssertionError(what + ": " + outcome + "; mutated text saved as " + saved.toAbsolutePath());
            }
        }
        System.out.println("BIF fuzz: " + CASES + " mutated texts of " + names + ": " + parsed + " read back equal, "
                + rejected + " rejected with a position");
        assertThat(parsed + rejected).isEqualTo(CASES);
        // both outcomes occur, so the mutations neither always break nor never break the files
        assertThat(parsed).isPositive();
        assertThat(rejected).isPositive();
    }

    /** Whether the exception's position is a character of the text or just past the end of a line. */
    private static boolean inside(byte[] bytes, BifFormatException e) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = s.split("\n", -1);
        return e.line() >= 1 && e.line() <= lines.length && e.column() >= 1
                && e.column() <= lines[e.line() - 1].length() + 1;
    }

    private static byte[] mutate(byte[] b, int op, SplittableRandom rng) {
        String s = new String(b, StandardCharsets.ISO_8859_1); // byte-preserving for the byte-level operators
        switch (op) {
            case 0 -> { // byte flip
                if (b.length == 0) {
                    return b;
                }
                byte[] c = b.clone();
                int i = rng.nextInt(c.length);
                c[i] = rng.nextBoolean() ? (byte) rng.nextInt(256) : (byte) (c[i] ^ (1 << rng.nextInt(8)));
                return c;
            }
            case 1, 2 -> { // delete or duplicate a line
                List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
                int i = rng.nextInt(lines.size());
                if (op == 1) {
                    lines.remove(i);
                } else {
                    lines.add(i, lines.get(i));
                }
                return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
            }
            case 3 -> { // truncation
                return java.util.Arrays.copyOf(b, b.length == 0 ? 0 : rng.nextInt(b.length));
            }
            case 4 -> { // swap two tokens
                String[] tok = s.split("(?<=\\s)|(?=\\s)");
                if (tok.length < 2) {
                    return b;
                }
                int i = rng.nextInt(tok.length);
                int j = rng.nextInt(tok.length);
                String t = tok[i];
                tok[i] = tok[j];
                tok[j] = t;
                return String.join("", tok).getBytes(StandardCharsets.ISO_8859_1);
            }
            case 5, 6 -> { // garbage number
                List<int[]> spans = spans(NUMBER.matcher(s));
                if (spans.isEmpty()) {
                    return b;
                }
                int[] sp = spans.get(rng.nextInt(spans.size()));
                String g = GARBAGE_NUMBERS[rng.nextInt(GARBAGE_NUMBERS.length)];
                return (s.substring(0, sp[0]) + g + s.substring(sp[1])).getBytes(StandardCharsets.ISO_8859_1);
            }
            case 7 -> { // repeated parents
                Matcher m = HEADER.matcher(s);
                List<int[]> spans = new ArrayList<>();
                List<String> parents = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(2), m.end(2)});
                    parents.add(m.group(2).split(",")[0].trim());
                }
                if (spans.isEmpty()) {
                    return b;
                }
                int k = rng.nextInt(spans.size());
                int copies = 2 + rng.nextInt(40);
                String rep = String.join(", ", java.util.Collections.nCopies(copies, parents.get(k)));
                return (s.substring(0, spans.get(k)[0]) + rep + s.substring(spans.get(k)[1])).getBytes(StandardCharsets.ISO_8859_1);
            }
            case 8 -> { // huge state counts: declared, or declared and listed
                List<int[]> spans = spans(TYPE.matcher(s));
                if (spans.isEmpty()) {
                    return b;
                }
                int[] sp = spans.get(rng.nextInt(spans.size()));
                String repl;
                if (rng.nextBoolean()) {
                    repl = "discrete [ " + (rng.nextBoolean() ? "2147483647" : "99999999999999") + " ] { a, b }";
                } else {
                    int k = rng.nextBoolean() ? 300 : 2000;
                    StringBuilder st = new StringBuilder();
                    for (int q = 0; q < k; q++) {
                        st.append(q == 0 ? "" : ", ").append('s').append(q);
                    }
                    repl = "discrete [ " + k + " ] { " + st + " }";
                }
                return (s.substring(0, sp[0]) + repl + s.substring(sp[1])).getBytes(StandardCharsets.ISO_8859_1);
            }
            case 9 -> { // inserted punctuation, NUL or byte-order mark
                int i = b.length == 0 ? 0 : rng.nextInt(b.length + 1);
                char p = PUNCT.charAt(rng.nextInt(PUNCT.length()));
                byte[] ins = String.valueOf(p).getBytes(StandardCharsets.UTF_8);
                if (rng.nextInt(8) == 0) {
                    i = 0;
                    ins = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                }
                byte[] c = new byte[b.length + ins.length];
                System.arraycopy(b, 0, c, 0, i);
                System.arraycopy(ins, 0, c, i, ins.length);
                System.arraycopy(b, i, c, i + ins.length, b.length - i);
                return c;
            }
            default -> { // empty or blank text
                return rng.nextInt(20) == 0 ? (rng.nextBoolean() ? new byte[0] : " \n\t\n".getBytes(StandardCharsets.UTF_8)) : b;
            }
        }
    }

    private static List<int[]> spans(Matcher m) {
        List<int[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }
}
