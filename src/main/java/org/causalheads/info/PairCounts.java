package org.causalheads.info;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.causalheads.markov.Samples;

/**
 * Pair counts {@code N_ji(a, b) = #{sequences with S_j = a, S_i = b}} for every pair {@code j < i},
 * the hot path of estimation ({@code T(T-1)/2 · n} sample-pairs).
 *
 * <p>Method ({@link #of}): each position becomes {@code S - 1} one-hot bitsets of {@code ⌈n/32⌉}
 * int words (widened to {@code ⌈n/64⌉} long words on processors without vector population counts,
 * see {@code Words}) (bit {@code q} of word {@code q/32} of bitset {@code (i, a)} is set iff sequence
 * {@code q} has {@code S_i = a}), and {@code N_ji(a, b) = Σ_w popcount(B_ja[w] & B_ib[w])}. Only the
 * {@code (S-1)²} cells with {@code a, b < S-1} are counted; the last row and column follow from the
 * position marginals ({@code Σ_b N_ji(a, b) = N_j(a)}, {@code Σ_a N_ji(a, b) = N_i(b)}).
 * <ul>
 *   <li>int words with {@link Integer#bitCount} where the processor has SIMD population counts
 *       (AVX-512 VPOPCNTDQ), because the JIT compiles such loops to them; it does not for
 *       {@code long} words on Java 17. Elsewhere long words, whose scalar population count
 *       covers twice the samples, counting two rows {@code a} against four columns a pass;</li>
 *   <li>one loop counts up to four cells {@code (a, b..b+3)}, reading the {@code j} side once,
 *       two cells to an int sum (16 bits apart), which halves the reductions;</li>
 *   <li>the one-hot bitsets are built without data-dependent branches from the {@code ⌈log₂ S⌉} bit
 *       planes of the symbols (each gathered eight bytes at a time), one AND per plane and word for
 *       each symbol, so that building them costs little beside the counts even at small {@code S};</li>
 *   <li>the words are cut into tiles of {@link #TILE_WORDS} and every pair is counted tile by
 *       tile, which bounds the packed sums and keeps a tile of position {@code i} in cache while it
 *       meets its partners (at T = 100, n = 100 000, tiles of 256 to 1984 words measured within
 *       noise of each other).</li>
 * </ul>
 * The parallel count ({@link #of(Samples)}) is one fork/join region: the rows {@code i} are cut into
 * {@link #PARALLEL_CHUNKS} chunks per thread holding equal numbers of pairs (row {@code i} has
 * {@code i}), each chunk counts its rows tile by tile and completes its tables, and the threads
 * take chunks as they finish. {@link #reference} keeps the
 * earlier loop ({@code long} words, no tiling) for comparison; {@link #naive} is the byte loop.
 */
public final class PairCounts {

    private final int t;
    private final int s;
    private final int n;
    private final long[][] counts; // counts[tri(j,i)][a*s+b]

    private PairCounts(int t, int s, int n, long[][] counts) {
        this.t = t;
        this.s = s;
        this.n = n;
        this.counts = counts;
    }

    static int tri(int j, int i) {
        return i * (i - 1) / 2 + j;
    }

    /** Counts for all pairs, in parallel over positions (the tiled int-word method). */
    public static PairCounts of(Samples x) {
        return of(x, true);
    }

    /** Words (of 32 samples) per tile: 1984 words, under 8 KB per bitset (at most 2047, see {@code addTile}). */
    static final int TILE_WORDS = 1984;

    /** Counts for all pairs, optionally single-threaded (for benchmarks). */
    public static PairCounts of(Samples x, boolean parallel) {
        return tiled(x, parallel, TILE_WORDS, Words.NATIVE);
    }

    /**
     * The word the counting loop works on. {@link #INT}: 32 samples a word, for processors where the
     * JIT turns a loop of {@link Integer#bitCount} into vector population counts (AVX-512
     * VPOPCNTDQ), which it does not do for {@code long} words on Java 17. {@link #LONG}: 64 samples
     * a word, for the others, where every population count is one scalar instruction and a long
     * word counts twice the samples of an int word. Measured at T = 100, n = 100 000, S = 10: on an
     * AVX-512 processor the int loop was about 3× the long-word reference; on an AVX2 one (AMD EPYC,
     * no vector popcount) it fell to 0.77× of it, while long words count about twice as fast as int
     * words there. Both give the same counts.
     */
    enum Words {
        INT, LONG;

        /** This processor's: {@link #INT} where {@code /proc/cpuinfo} lists {@code avx512_vpopcntdq}, else {@link #LONG}; {@code -Dcausalheads.pairWords=int|long} overrides it (both count the same). */
        static final Words NATIVE = choose(System.getProperty("causalheads.pairWords", ""), java.nio.file.Path.of("/proc/cpuinfo"));

        /** {@code set} ("int" or "long", any case) if given, else by the processor's flags in {@code cpuinfo} (long words if it cannot be read). */
        static Words choose(String set, java.nio.file.Path cpuinfo) {
            if (!set.isBlank()) {
                try {
                    return valueOf(set.strip().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("-Dcausalheads.pairWords=" + set + ": expected int or long", e);
                }
            }
            try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(cpuinfo)) {
                return lines.anyMatch(l -> l.startsWith("flags") && (l + " ").contains(" avx512_vpopcntdq ")) ? INT : LONG;
            } catch (java.io.IOException | java.io.UncheckedIOException | SecurityException e) {
                return LONG;
            }
        }
    }

    /** Samples per word of {@link #of}'s counting loop on this processor: 32 (int words) or 64 (long words); see {@code Words}. */
    public static int wordBits() {
        return Words.NATIVE == Words.INT ? 32 : 64;
    }

    /**
     * The tiled method with a given tile (in words of 32 samples, 1 to 2047; long words take tiles
     * of half as many words, at least one) and word (for tests and benchmarks).
     */
    static PairCounts tiled(Samples x, boolean parallel, int tileWords, Words word) {
        int t = x.length(), s = x.states(), n = x.count();
        if (t < 2) {
            throw new IllegalArgumentException("T = " + t + "; pair counts need T >= 2");
        }
        if (tileWords < 1 || tileWords > 2047) {
            throw new IllegalArgumentException("tile of " + tileWords + " words; expected 1 to 2047 (packed 16-bit sums)");
        }
        int m = s - 1;
        int words = (n + 31) >>> 5;
        int[][][] bits = word == Words.INT ? new int[t][][] : null;
        long[][][] longBits = word == Words.LONG ? new long[t][][] : null;
        long[][] marg = new long[t][];
        IntStream pos = IntStream.range(0, t);
        (parallel ? pos.parallel() : pos).forEach(i -> {
            int[][] b = new int[m][words];
            marg[i] = new long[s];
            oneHot(x.column(i), s, b, marg[i]);
            if (longBits != null) {
                longBits[i] = new long[m][];
                for (int a = 0; a < m; a++) {
                    longBits[i][a] = widen(b[a]);
                }
            } else {
                bits[i] = b;
            }
        });
        long[][] counts = new long[t * (t - 1) / 2][];
        int[] bounds = parallel ? rowChunks(t, PARALLEL_CHUNKS * (ForkJoinPool.getCommonPoolParallelism() + 1)) : new int[] {1, t};
        IntStream chunks = IntStream.range(0, bounds.length - 1);
        (parallel ? chunks.parallel() : chunks).forEach(ch -> {
            if (longBits != null) {
                countRows((j, i, c, from, to) -> addTile(longBits[j], longBits[i], c, s, from, to), marg, counts, s,
                        bounds[ch], bounds[ch + 1], (words + 1) >>> 1, Math.max(1, tileWords >>> 1));
            } else {
                countRows((j, i, c, from, to) -> addTile(bits[j], bits[i], c, s, from, to), marg, counts, s,
                        bounds[ch], bounds[ch + 1], words, tileWords);
            }
        });
        return new PairCounts(t, s, n, counts);
    }

    /** Int words as long words: samples {@code 64k..64k+31} from int word {@code 2k}, the next 32 from {@code 2k+1}. */
    static long[] widen(int[] w) {
        long[] out = new long[(w.length + 1) >>> 1];
        for (int k = 0; k < w.length; k++) {
            out[k >>> 1] |= (w[k] & 0xFFFFFFFFL) << ((k & 1) << 5);
        }
        return out;
    }

    /**
     * Chunks per thread of the parallel count (of equal numbers of pairs): several, so that the
     * threads, taking chunks as they finish, end within a small fraction of a pass of each other.
     */
    static final int PARALLEL_CHUNKS = 8;

    /**
     * Row bounds {@code 1 = r_0 < r_1 < … < r_c = T} splitting the pairs {@code j < i} (row {@code i}
     * has {@code i} of them) into at most {@code chunks} ranges of about equal count.
     */
    static int[] rowChunks(int t, int chunks) {
        long total = (long) t * (t - 1) / 2;
        int[] b = new int[chunks + 1];
        int c = 0;
        b[c++] = 1;
        long done = 0;
        for (int i = 1; i < t; i++) {
            done += i;
            if (done * chunks >= total * c && i + 1 < t && c < chunks) {
                b[c++] = i + 1;
            }
        }
        b[c++] = t;
        return java.util.Arrays.copyOf(b, c);
    }

    /** Adds the counted cells of the pair {@code (j, i)} over words {@code [from, to)} into {@code c}. */
    @FunctionalInterface
    private interface TileCount {
        void add(int j, int i, long[] c, int from, int to);
    }

    /**
     * Counts the pairs {@code j < i} of rows {@code i} in {@code [r0, r1)}, tile by tile (of
     * {@code tileWords} of the {@code words}), into new tables, then completes each table from the
     * marginals: all the work of those rows, so that a parallel count has no sequential part
     * beyond its start.
     */
    private static void countRows(TileCount tile, long[][] marg, long[][] counts, int s, int r0, int r1, int words, int tileWords) {
        for (int i = r0; i < r1; i++) {
            for (int j = 0; j < i; j++) {
                counts[tri(j, i)] = new long[s * s];
            }
        }
        for (int w0 = 0; w0 < words; w0 += tileWords) {
            int to = Math.min(words, w0 + tileWords);
            for (int i = r0; i < r1; i++) {
                for (int j = 0; j < i; j++) {
                    tile.add(j, i, counts[tri(j, i)], w0, to);
                }
            }
        }
        for (int i = r0; i < r1; i++) {
            for (int j = 0; j < i; j++) {
                complete(counts[tri(j, i)], marg[j], marg[i], s);
            }
        }
    }

    /**
     * {@link #addTile(int[][], int[][], long[], int, int, int)} on long words, two cells to an int
     * sum, 16 bits apart ({@code to - from <= 1023} words of 64 keeps each below {@code 2¹⁶}). When
     * three divides {@code S - 1}, blocks of three rows {@code a} by three columns {@code b} a pass
     * (six loads for nine cells); otherwise blocks of two rows by four columns (six loads for eight
     * cells), the columns past the last block of four two rows at a time, an odd last row alone.
     */
    private static void addTile(long[][] bj, long[][] bi, long[] c, int s, int from, int to) {
        int m = s - 1, m4 = m - m % 4;
        if (m % 3 == 0) { // S = 4, 7, 10, 13, 16, ...: blocks of three rows by three columns cover every cell
            for (int a = 0; a < m; a += 3) {
                for (int b = 0; b < m; b += 3) {
                    add9(bj[a], bj[a + 1], bj[a + 2], bi[b], bi[b + 1], bi[b + 2], from, to, c, a * s + b, s);
                }
            }
            return;
        }
        int a = 0;
        for (; a + 1 < m; a += 2) {
            long[] x = bj[a], z = bj[a + 1];
            int row = a * s, next = row + s;
            for (int b = 0; b < m4; b += 4) {
                add8(x, z, bi[b], bi[b + 1], bi[b + 2], bi[b + 3], from, to, c, row + b, next + b);
            }
            for (int b = m4; b < m; b++) {
                long[] y = bi[b];
                int xz = 0;
                for (int w = from; w < to; w++) {
                    long v = y[w];
                    xz += Long.bitCount(x[w] & v) + (Long.bitCount(z[w] & v) << 16);
                }
                c[row + b] += xz & 0xFFFF;
                c[next + b] += xz >>> 16;
            }
        }
        if (a < m) { // an odd last row
            long[] x = bj[a];
            int row = a * s;
            for (int b = 0; b < m; b += 2) {
                long[] y0 = bi[b], y1 = bi[Math.min(b + 1, m - 1)];
                int x01 = 0;
                for (int w = from; w < to; w++) {
                    long xw = x[w];
                    x01 += Long.bitCount(xw & y0[w]) + (Long.bitCount(xw & y1[w]) << 16);
                }
                c[row + b] += x01 & 0xFFFF;
                if (b + 1 < m) {
                    c[row + b + 1] += x01 >>> 16;
                }
            }
        }
    }

    /**
     * Adds the nine cells of rows {@code x0..x2} by columns {@code y0..y2} over words {@code [from, to)}
     * at {@code c[at + r·s + k]}: six loads for nine cells, two cells to an int sum.
     */
    private static void add9(long[] x0, long[] x1, long[] x2, long[] y0, long[] y1, long[] y2, int from, int to, long[] c, int at, int s) {
        int p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0;
        for (int w = from; w < to; w++) {
            long a0 = x0[w], a1 = x1[w], a2 = x2[w], b0 = y0[w], b1 = y1[w], b2 = y2[w];
            p0 += Long.bitCount(a0 & b0) + (Long.bitCount(a0 & b1) << 16);
            p1 += Long.bitCount(a0 & b2) + (Long.bitCount(a1 & b0) << 16);
            p2 += Long.bitCount(a1 & b1) + (Long.bitCount(a1 & b2) << 16);
            p3 += Long.bitCount(a2 & b0) + (Long.bitCount(a2 & b1) << 16);
            p4 += Long.bitCount(a2 & b2);
        }
        c[at] += p0 & 0xFFFF;
        c[at + 1] += p0 >>> 16;
        c[at + 2] += p1 & 0xFFFF;
        c[at + s] += p1 >>> 16;
        c[at + s + 1] += p2 & 0xFFFF;
        c[at + s + 2] += p2 >>> 16;
        c[at + 2 * s] += p3 & 0xFFFF;
        c[at + 2 * s + 1] += p3 >>> 16;
        c[at + 2 * s + 2] += p4;
    }

    /** Adds the cells of rows {@code x, z} by columns {@code y0..y3} over words {@code [from, to)} at {@code c[cx..cx+3]}, {@code c[cz..cz+3]}. */
    private static void add8(long[] x, long[] z, long[] y0, long[] y1, long[] y2, long[] y3, int from, int to, long[] c, int cx, int cz) {
        int x01 = 0, x23 = 0, z01 = 0, z23 = 0;
        for (int w = from; w < to; w++) {
            long xw = x[w], zw = z[w], v0 = y0[w], v1 = y1[w], v2 = y2[w], v3 = y3[w];
            x01 += Long.bitCount(xw & v0) + (Long.bitCount(xw & v1) << 16);
            x23 += Long.bitCount(xw & v2) + (Long.bitCount(xw & v3) << 16);
            z01 += Long.bitCount(zw & v0) + (Long.bitCount(zw & v1) << 16);
            z23 += Long.bitCount(zw & v2) + (Long.bitCount(zw & v3) << 16);
        }
        c[cx] += x01 & 0xFFFF;
        c[cx + 1] += x01 >>> 16;
        c[cx + 2] += x23 & 0xFFFF;
        c[cx + 3] += x23 >>> 16;
        c[cz] += z01 & 0xFFFF;
        c[cz + 1] += z01 >>> 16;
        c[cz + 2] += z23 & 0xFFFF;
        c[cz + 3] += z23 >>> 16;
    }

    /**
     * Sets bit {@code q} of {@code bits[a]} iff {@code col[q] = a} ({@code a < S-1}) and counts each
     * symbol into {@code marg}, through the bit planes of the symbols: plane {@code k} holds bit
     * {@code k} of every sample's symbol ({@code ⌈log₂ S⌉} planes, each gathered eight bytes at a time
     * by one multiplication), and the bitset of {@code a} is the AND over the planes of each plane or
     * its complement as bit {@code k} of {@code a} is set or not, a word-wise loop without
     * data-dependent branches. The bits past {@code n} of the last word are cleared (the complement
     * planes set them).
     */
    static void oneHot(byte[] col, int s, int[][] bits, long[] marg) {
        int n = col.length, m = s - 1, words = bits[0].length;
        int planes = 32 - Integer.numberOfLeadingZeros(s - 1);
        int[][] p = new int[planes][];
        for (int k = 0; k < planes; k++) {
            p[k] = plane(col, k, words);
        }
        int last = (n & 31) == 0 ? -1 : (1 << (n & 31)) - 1;
        long rest = n;
        for (int a = 0; a < m; a++) {
            int[] out = bits[a];
            xor(out, p[0], ((a & 1) - 1));
            for (int k = 1; k < planes; k++) {
                andXor(out, p[k], ((a >>> k) & 1) - 1); // the plane where bit k of a is set, else its complement
            }
            if (words > 0) {
                out[words - 1] &= last;
            }
            long c = 0;
            for (int v : out) {
                c += Integer.bitCount(v);
            }
            marg[a] = c;
            rest -= c;
        }
        marg[m] = rest;
    }

    /** Bit {@code k} of every byte of {@code col}, as a bitset of {@code words} int words. */
    private static int[] plane(byte[] col, int k, int words) {
        int n = col.length, full = n >>> 5;
        int[] out = new int[words];
        for (int w = 0; w < full; w++) {
            int at = w << 5;
            long v0 = (long) BYTES.get(col, at) >>> k, v1 = (long) BYTES.get(col, at + 8) >>> k;
            long v2 = (long) BYTES.get(col, at + 16) >>> k, v3 = (long) BYTES.get(col, at + 24) >>> k;
            out[w] = (int) (((v0 & ONES) * GATHER) >>> 56) | (int) (((v1 & ONES) * GATHER) >>> 56) << 8
                    | (int) (((v2 & ONES) * GATHER) >>> 56) << 16 | (int) (((v3 & ONES) * GATHER) >>> 56) << 24;
        }
        for (int q = full << 5; q < n; q++) {
            out[q >>> 5] |= ((col[q] >>> k) & 1) << (q & 31);
        }
        return out;
    }

    /** {@code out = q ^ flip} word by word. */
    private static void xor(int[] out, int[] q, int flip) {
        for (int w = 0; w < out.length; w++) {
            out[w] = q[w] ^ flip;
        }
    }

    /** {@code out &= q ^ flip} word by word. */
    private static void andXor(int[] out, int[] q, int flip) {
        for (int w = 0; w < out.length; w++) {
            out[w] &= q[w] ^ flip;
        }
    }

    private static final VarHandle BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long GATHER = 0x0102040810204080L;

    /**
     * Adds the {@code (S-1)²} counted cells of words {@code [from, to)} of one pair into {@code c}.
     * Two cells share one int sum, 16 bits apart ({@code to - from <= 2047} words keeps each below
     * {@code 2¹⁶}), which halves the per-vector reductions the compiled loop performs.
     */
    private static void addTile(int[][] bj, int[][] bi, long[] c, int s, int from, int to) {
        int m = s - 1, m4 = m - m % 4;
        for (int a = 0; a < m; a++) {
            int[] x = bj[a];
            int row = a * s;
            for (int b = 0; b < m4; b += 4) {
                long r = count4(x, bi[b], bi[b + 1], bi[b + 2], bi[b + 3], from, to);
                c[row + b] += r & 0xFFFF;
                c[row + b + 1] += (r >>> 16) & 0xFFFF;
                c[row + b + 2] += (r >>> 32) & 0xFFFF;
                c[row + b + 3] += r >>> 48;
            }
            if (m - m4 == 3) {
                long r = count3(x, bi[m4], bi[m4 + 1], bi[m4 + 2], from, to);
                c[row + m4] += r & 0xFFFF;
                c[row + m4 + 1] += (r >>> 16) & 0xFFFF;
                c[row + m4 + 2] += r >>> 32;
            } else if (m - m4 == 2) {
                int r = count2(x, bi[m4], bi[m4 + 1], from, to);
                c[row + m4] += r & 0xFFFF;
                c[row + m4 + 1] += r >>> 16;
            }
        }
        if (m - m4 == 1) { // one column left: two rows to a packed sum
            int[] y = bi[m4];
            int a = 0;
            for (; a + 1 < m; a += 2) {
                int r = count2(y, bj[a], bj[a + 1], from, to);
                c[a * s + m4] += r & 0xFFFF;
                c[(a + 1) * s + m4] += r >>> 16;
            }
            if (a < m) {
                c[a * s + m4] += count1(bj[a], y, from, to);
            }
        }
    }

    private static long count4(int[] x, int[] y0, int[] y1, int[] y2, int[] y3, int from, int to) {
        int c01 = 0, c23 = 0;
        for (int w = from; w < to; w++) {
            int xw = x[w];
            c01 += Integer.bitCount(xw & y0[w]) + (Integer.bitCount(xw & y1[w]) << 16);
            c23 += Integer.bitCount(xw & y2[w]) + (Integer.bitCount(xw & y3[w]) << 16);
        }
        return (c01 & 0xFFFFFFFFL) | ((long) c23 << 32);
    }

    private static long count3(int[] x, int[] y0, int[] y1, int[] y2, int from, int to) {
        int c01 = 0, c2 = 0;
        for (int w = from; w < to; w++) {
            int xw = x[w];
            c01 += Integer.bitCount(xw & y0[w]) + (Integer.bitCount(xw & y1[w]) << 16);
            c2 += Integer.bitCount(xw & y2[w]);
        }
        return (c01 & 0xFFFFFFFFL) | ((long) c2 << 32);
    }

    private static int count2(int[] x, int[] y0, int[] y1, int from, int to) {
        int c01 = 0;
        for (int w = from; w < to; w++) {
            int xw = x[w];
            c01 += Integer.bitCount(xw & y0[w]) + (Integer.bitCount(xw & y1[w]) << 16);
        }
        return c01;
    }

    private static int count1(int[] x, int[] y, int from, int to) {
        int c0 = 0;
        for (int w = from; w < to; w++) {
            c0 += Integer.bitCount(x[w] & y[w]);
        }
        return c0;
    }

    /** Fills the last column and row of a table whose {@code (S-1)²} leading cells are counted. */
    private static void complete(long[] c, long[] mj, long[] mi, int s) {
        int m = s - 1;
        for (int a = 0; a < m; a++) {
            long rest = mj[a];
            for (int b = 0; b < m; b++) {
                rest -= c[a * s + b];
            }
            c[a * s + m] = rest;
        }
        for (int b = 0; b < s; b++) {
            long rest = mi[b];
            for (int a = 0; a < m; a++) {
                rest -= c[a * s + b];
            }
            c[m * s + b] = rest;
        }
    }

    /**
     * The earlier method, kept as the reference for benchmarks and tests: {@code long} words of 64
     * samples, each pair in one pass over all its words (nine cells fused at {@code S = 4}, three
     * per pass otherwise), rows {@code i} in parallel.
     */
    public static PairCounts reference(Samples x, boolean parallel) {
        int t = x.length(), s = x.states(), n = x.count();
        if (t < 2) {
            throw new IllegalArgumentException("T = " + t + "; pair counts need T >= 2");
        }
        int words = (n + 63) >>> 6;
        long[][][] bits = new long[t][s - 1][words];
        long[][] marg = new long[t][s];
        IntStream pos = IntStream.range(0, t);
        (parallel ? pos.parallel() : pos).forEach(i -> {
            byte[] col = x.column(i);
            long[][] bi = bits[i];
            for (int q = 0; q < n; q++) {
                int v = col[q];
                marg[i][v]++;
                if (v < s - 1) {
                    bi[v][q >>> 6] |= 1L << (q & 63);
                }
            }
        });
        long[][] counts = new long[Math.toIntExact((long) t * (t - 1) / 2)][];
        IntStream rows = IntStream.range(1, t);
        (parallel ? rows.parallel() : rows).forEach(i -> {
            for (int j = 0; j < i; j++) {
                counts[tri(j, i)] = countPair(bits[j], bits[i], marg[j], marg[i], s, words);
            }
        });
        return new PairCounts(t, s, n, counts);
    }

    private static long[] countPair(long[][] bj, long[][] bi, long[] mj, long[] mi, int s, int words) {
        int m = s - 1;
        long[] c = new long[s * s];
        if (m == 3) { // S = 4: all nine cells in one pass, 6 loads and 9 popcounts per 64 samples
            countNine(bj, bi, c, s, words);
        }
        for (int a = 0; a < m && m != 3; a++) {
            long[] x = bj[a];
            int b = 0;
            for (; b + 3 <= m; b += 3) { // three cells per pass over x
                long[] y0 = bi[b], y1 = bi[b + 1], y2 = bi[b + 2];
                long c0 = 0, c1 = 0, c2 = 0;
                for (int w = 0; w < words; w++) {
                    long xw = x[w];
                    c0 += Long.bitCount(xw & y0[w]);
                    c1 += Long.bitCount(xw & y1[w]);
                    c2 += Long.bitCount(xw & y2[w]);
                }
                c[a * s + b] = c0;
                c[a * s + b + 1] = c1;
                c[a * s + b + 2] = c2;
            }
            for (; b < m; b++) {
                long[] y = bi[b];
                long c0 = 0;
                for (int w = 0; w < words; w++) {
                    c0 += Long.bitCount(x[w] & y[w]);
                }
                c[a * s + b] = c0;
            }
        }
        complete(c, mj, mi, s);
        return c;
    }

    private static void countNine(long[][] bj, long[][] bi, long[] c, int s, int words) {
        long[] x0 = bj[0], x1 = bj[1], x2 = bj[2], y0 = bi[0], y1 = bi[1], y2 = bi[2];
        long c00 = 0, c01 = 0, c02 = 0, c10 = 0, c11 = 0, c12 = 0, c20 = 0, c21 = 0, c22 = 0;
        for (int w = 0; w < words; w++) {
            long a0 = x0[w], a1 = x1[w], a2 = x2[w], b0 = y0[w], b1 = y1[w], b2 = y2[w];
            c00 += Long.bitCount(a0 & b0);
            c01 += Long.bitCount(a0 & b1);
            c02 += Long.bitCount(a0 & b2);
            c10 += Long.bitCount(a1 & b0);
            c11 += Long.bitCount(a1 & b1);
            c12 += Long.bitCount(a1 & b2);
            c20 += Long.bitCount(a2 & b0);
            c21 += Long.bitCount(a2 & b1);
            c22 += Long.bitCount(a2 & b2);
        }
        c[0] = c00;
        c[1] = c01;
        c[2] = c02;
        c[s] = c10;
        c[s + 1] = c11;
        c[s + 2] = c12;
        c[2 * s] = c20;
        c[2 * s + 1] = c21;
        c[2 * s + 2] = c22;
    }

    /**
     * Reference counts by a direct loop over the byte columns (slow; for tests and benchmarks).
     */
    public static PairCounts naive(Samples x) {
        int t = x.length(), s = x.states(), n = x.count();
        long[][] counts = new long[Math.toIntExact((long) t * (t - 1) / 2)][];
        byte[][] cols = new byte[t][];
        for (int i = 0; i < t; i++) {
            cols[i] = x.column(i);
        }
        for (int i = 1; i < t; i++) {
            for (int j = 0; j < i; j++) {
                long[] c = new long[s * s];
                byte[] cj = cols[j], ci = cols[i];
                for (int q = 0; q < n; q++) {
                    c[cj[q] * s + ci[q]]++;
                }
                counts[tri(j, i)] = c;
            }
        }
        return new PairCounts(t, s, n, counts);
    }

    /** Number of positions T. */
    public int length() {
        return t;
    }

    /** Alphabet size S. */
    public int states() {
        return s;
    }

    /** Number of sequences n. */
    public int samples() {
        return n;
    }

    /** {@code N_ji(a, b)}. */
    public long count(int j, int i, int a, int b) {
        return flat(j, i)[a * s + b];
    }

    /** The S×S count table of pair {@code (j, i)}, rows indexed by {@code S_j}. */
    public long[][] table(int j, int i) {
        long[] f = flat(j, i);
        long[][] out = new long[s][s];
        for (int a = 0; a < s; a++) {
            System.arraycopy(f, a * s, out[a], 0, s);
        }
        return out;
    }

    long[] flat(int j, int i) {
        if (i < 1 || i >= t || j < 0 || j >= i) {
            throw new IllegalArgumentException("pair (j = " + j + ", i = " + i + "); expected 0 <= j < i < " + t);
        }
        return counts[tri(j, i)];
    }
}
