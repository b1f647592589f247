package org.causalheads.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.causalheads.markov.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairCountsTest {

    /** Uniform symbols, with position 1 copying position 0 so that some tables are far from product form. */
    private static Samples samples(int t, int s, int n, long seed) {
        Random r = new Random(seed);
        int[][] x = new int[n][t];
        for (int q = 0; q < n; q++) {
            for (int i = 0; i < t; i++) {
                x[q][i] = r.nextInt(s);
            }
            if (t > 1) {
                x[q][1] = x[q][0];
            }
        }
        return Samples.of(x, s);
    }

    private static void assertSameTables(PairCounts got, PairCounts want, String what) {
        int t = want.length(), s = want.states();
        assertThat(got.length()).isEqualTo(t);
        assertThat(got.states()).isEqualTo(s);
        assertThat(got.samples()).isEqualTo(want.samples());
        for (int i = 1; i < t; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(got.table(j, i)).as("%s, pair (%d, %d)", what, j, i).isEqualTo(want.table(j, i));
            }
        }
    }

    @Test
    void everyMethodGivesTheNaiveTables() {
        int[] ss = {2, 3, 4, 5, 6, 8, 10, 16};
        int[] ts = {2, 3, 7, 12};
        int[] ns = {1, 31, 63, 64, 65, 1000, 4097};
        int seed = 0;
        for (int s : ss) {
            for (int t : ts) {
                for (int n : ns) {
                    Samples x = samples(t, s, n, ++seed);
                    PairCounts want = PairCounts.naive(x);
                    String at = "S = " + s + ", T = " + t + ", n = " + n;
                    assertSameTables(PairCounts.of(x, false), want, "tiled, one thread, " + at);
                    assertSameTables(PairCounts.of(x, true), want, "tiled, parallel, " + at);
                    assertSameTables(PairCounts.reference(x, false), want, "reference, " + at);
                    for (PairCounts.Words word : PairCounts.Words.values()) {
                        assertSameTables(PairCounts.tiled(x, false, PairCounts.TILE_WORDS, word), want, word + " words, one thread, " + at);
                        for (int tile : new int[] {1, 3, 64}) { // many tiles, tiles ending inside a bitset
                            assertSameTables(PairCounts.tiled(x, true, tile, word), want, word + " words, tile " + tile + ", " + at);
                        }
                    }
                }
            }
        }
    }

    @Test
    void oneHotBitsetsFromTheBitPlanesMatchTheDefinition() {
        // every number of bit planes (1 to 7), n not a multiple of 8, 32 or 64, bytes past n in the last word
        Random r = new Random(7L);
        for (int s : new int[] {2, 3, 4, 5, 8, 9, 10, 16, 17, 32, 33, 64, 65, 127}) {
            for (int n : new int[] {1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 1029}) {
                byte[] col = new byte[n];
                for (int q = 0; q < n; q++) {
                    col[q] = (byte) (q % 5 == 0 ? s - 1 : r.nextInt(s)); // the last symbol, counted only in the marginal
                }
                int words = (n + 31) >>> 5;
                int[][] got = new int[s - 1][words];
                long[] marg = new long[s];
                PairCounts.oneHot(col, s, got, marg);
                int[][] want = new int[s - 1][words];
                long[] wantMarg = new long[s];
                for (int q = 0; q < n; q++) {
                    wantMarg[col[q]]++;
                    if (col[q] < s - 1) {
                        want[col[q]][q >>> 5] |= 1 << (q & 31);
                    }
                }
                String at = "S = " + s + ", n = " + n;
                assertThat(got).as("bitsets, %s", at).isDeepEqualTo(want);
                assertThat(marg).as("marginals, %s", at).containsExactly(wantMarg);
            }
        }
    }

    @Test
    void largeAlphabetsGiveTheNaiveTables() {
        // S beyond 16 (five to seven bit planes), including symbols with no sample
        int seed = 500;
        for (int s : new int[] {17, 33, 64, 127}) {
            for (int n : new int[] {5, 300, 2049}) {
                Samples x = samples(4, s, n, ++seed);
                PairCounts want = PairCounts.naive(x);
                String at = "S = " + s + ", n = " + n;
                assertSameTables(PairCounts.of(x, false), want, "one thread, " + at);
                assertSameTables(PairCounts.of(x, true), want, "parallel, " + at);
                assertSameTables(PairCounts.reference(x, false), want, "reference, " + at);
                for (PairCounts.Words word : PairCounts.Words.values()) {
                    assertSameTables(PairCounts.tiled(x, true, PairCounts.TILE_WORDS, word), want, word + " words, " + at);
                }
            }
        }
    }

    @Test
    void intWordsWidenToLongWordsSampleForSample() {
        int[] w = {0x80000001, 0x00000003, 0xFFFFFFFF};
        long[] l = PairCounts.widen(w);
        assertThat(l).hasSize(2);
        for (int q = 0; q < 96; q++) {
            boolean fromInt = ((w[q >>> 5] >>> (q & 31)) & 1) != 0;
            boolean fromLong = ((l[q >>> 6] >>> (q & 63)) & 1L) != 0;
            assertThat(fromLong).as("sample %d", q).isEqualTo(fromInt);
        }
        assertThat(l[1] >>> 32).as("past the last int word").isZero();
    }

    @Test
    void theWordWidthFollowsTheProcessorOrTheSettingAndABadSettingIsNamed(@TempDir Path tmp) throws IOException {
        Path vector = Files.writeString(tmp.resolve("vector"), "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_vpopcntdq\n");
        Path scalar = Files.writeString(tmp.resolve("scalar"), "processor\t: 0\nflags\t\t: fpu avx2 popcnt avx512_vpopcntdqx\n");
        assertThat(PairCounts.Words.choose("", vector)).isEqualTo(PairCounts.Words.INT);
        assertThat(PairCounts.Words.choose("", scalar)).isEqualTo(PairCounts.Words.LONG);
        assertThat(PairCounts.Words.choose("", tmp.resolve("missing"))).isEqualTo(PairCounts.Words.LONG);
        assertThat(PairCounts.Words.choose("int", scalar)).isEqualTo(PairCounts.Words.INT);
        assertThat(PairCounts.Words.choose(" LONG ", vector)).isEqualTo(PairCounts.Words.LONG);
        assertThatThrownBy(() -> PairCounts.Words.choose("wide", vector)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dcausalheads.pairWords=wide").hasMessageContaining("expected int or long");
    }

    @Test
    void tablesAddUpToTheSamples() {
        Samples x = samples(6, 5, 777, 3L);
        PairCounts c = PairCounts.of(x);
        for (int i = 1; i < 6; i++) {
            for (int j = 0; j < i; j++) {
                long sum = 0;
                for (long[] row : c.table(j, i)) {
                    for (long v : row) {
                        assertThat(v).isNotNegative();
                        sum += v;
                    }
                }
                assertThat(sum).isEqualTo(777);
            }
        }
        long[][] copy = c.table(0, 1); // position 1 copies position 0: a diagonal table
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                if (a != b) {
                    assertThat(copy[a][b]).isZero();
                }
            }
        }
    }

    @Test
    void fullTilesOfOneSymbolDoNotOverflowThePackedSums() {
        for (int s : new int[] {2, 5, 6, 10}) { // one, four, five and nine counted columns
            int n = 2047 * 32 * 2 + 5;
            int[][] x = new int[n][3];
            for (int q = 0; q < n; q++) {
                x[q][2] = q % 1000 == 0 ? 1 : 0;
            }
            Samples xs = Samples.of(x, s);
            PairCounts want = PairCounts.naive(xs);
            for (PairCounts.Words word : PairCounts.Words.values()) { // long words: tiles of 1023 words of 64
                assertSameTables(PairCounts.tiled(xs, false, 2047, word), want, word + " words, tile 2047, S = " + s);
            }
            assertSameTables(PairCounts.of(xs, true), want, "default tile, S = " + s);
        }
        assertThatThrownBy(() -> PairCounts.tiled(samples(3, 3, 10, 1L), false, 2048, PairCounts.Words.LONG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tile of 2048 words");
    }

    @Test
    void badTileAndTooFewPositionsAreRejected() {
        Samples x = samples(3, 3, 10, 1L);
        assertThatThrownBy(() -> PairCounts.tiled(x, false, 0, PairCounts.Words.INT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tile of 0 words");
        assertThatThrownBy(() -> PairCounts.of(samples(1, 3, 10, 1L))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T = 1");
    }

    @Test
    void parallelCountEqualsTheOneThreadCountForEveryAlphabet() {
        // T = 40: the parallel count cuts the rows into many chunks; n not a multiple of 32 or 64
        int seed = 100;
        for (int s = 2; s <= 16; s++) {
            for (int n : new int[] {33, 1007, 65 * 64 + 3}) {
                Samples x = samples(40, s, n, ++seed);
                String at = "S = " + s + ", T = 40, n = " + n;
                PairCounts one = PairCounts.of(x, false);
                assertSameTables(PairCounts.of(x, true), one, "parallel against one thread, " + at);
                for (PairCounts.Words word : PairCounts.Words.values()) {
                    assertSameTables(PairCounts.tiled(x, true, 5, word), one, word + " words, parallel, tile 5, " + at);
                }
                if (n == 1007) {
                    assertSameTables(one, PairCounts.naive(x), "one thread against the byte loop, " + at);
                }
            }
        }
    }

    @Test
    void rowChunksCoverEveryRowOnceWithBalancedPairs() {
        for (int t : new int[] {2, 3, 5, 17, 100, 1000}) {
            for (int chunks : new int[] {1, 2, 16, 5000}) {
                int[] b = PairCounts.rowChunks(t, chunks);
                assertThat(b[0]).isEqualTo(1);
                assertThat(b[b.length - 1]).isEqualTo(t);
                assertThat(b.length - 1).as("chunks, T = %d", t).isBetween(1, Math.min(chunks, t - 1));
                long total = (long) t * (t - 1) / 2;
                for (int c = 0; c + 1 < b.length; c++) {
                    assertThat(b[c + 1]).isGreaterThan(b[c]);
                    long pairs = ((long) b[c + 1] * (b[c + 1] - 1) - (long) b[c] * (b[c] - 1)) / 2;
                    // at most one row (< T pairs) beyond an equal share
                    assertThat(pairs).as("pairs in chunk %d, T = %d, %d chunks", c, t, chunks)
                            .isLessThanOrEqualTo((total + chunks - 1) / chunks + t);
                }
            }
        }
    }
}
