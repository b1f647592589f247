package org.causalheads.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.causalheads.attention.AscentResult;
import org.causalheads.attention.AscentConfig;
import org.causalheads.attention.AttentionAscent;
import org.causalheads.info.FDivergence;
import org.causalheads.info.InfoTables;
import org.causalheads.info.JointTable;
import org.causalheads.info.KgForm;
import org.causalheads.info.Objective;
import org.causalheads.info.PairCounts;
import org.causalheads.kgmi.Problem;
import org.causalheads.markov.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: prints throughput figures (not a test: timings vary with the machine and load).
 * <pre>  java -jar target/causal-heads-*.jar bench</pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure pair-count throughput, a full KG-MI run, trainer cost and peak memory.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "100000", description = "sequences (default ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--T", defaultValue = "100", description = "positions (default ${DEFAULT-VALUE})")
    int t;

    @Option(names = "--S", defaultValue = "4", description = "alphabet (default ${DEFAULT-VALUE})")
    int s;

    @Option(names = "--K", defaultValue = "3", description = "parents = heads (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--repeats", defaultValue = "3", description = "repeats per timing, best kept (default ${DEFAULT-VALUE})")
    int repeats;

    @Override
    public Integer call() {
        System.out.printf(Locale.ROOT, "bench: n = %d, T = %d, S = %d, K = %d, %d cores, %s%n", n, t, s, k,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        Problem p = Problem.builder().length(t).states(s).parents(k).strength(1.0).seed(1).build();
        long t0 = System.nanoTime();
        Samples x = p.sample(n, 11L);
        double sampleSec = secs(t0);
        System.out.printf(Locale.ROOT, "sampling            %8.3f s   (%d sequences, %.1f MB column-major bytes)%n",
                sampleSec, n, x.bytes() / 1e6);

        double pairs = (double) t * (t - 1) / 2 * n;
        double par = best(() -> PairCounts.of(x, true));
        double seq = best(() -> PairCounts.of(x, false));
        int tSub = Math.min(t, 30);
        Samples sub = subset(x, tSub);
        double naive = best(() -> PairCounts.naive(sub));
        double subPairs = (double) tSub * (tSub - 1) / 2 * n;
        System.out.printf(Locale.ROOT, "pair counts bitset  %8.3f s   %6.2f G sample-pairs/s  (parallel, %.3g sample-pairs)%n", par, pairs / par / 1e9, pairs);
        System.out.printf(Locale.ROOT, "pair counts bitset  %8.3f s   %6.2f G sample-pairs/s  (one thread)%n", seq, pairs / seq / 1e9);
        System.out.printf(Locale.ROOT, "pair counts bytes   %8.3f s   %6.2f G sample-pairs/s  (one thread, naive byte loop, first %d positions)%n",
                naive, subPairs / naive / 1e9, tSub);
        int m = s - 1;
        double words = m == 3 ? 6 : (double) m * (1 + m); // fused S = 4 path loads each bitset word once
        System.out.printf(Locale.ROOT, "bytes per sample-pair: bitset minimum %.3f (2(S-1) bits), bitset loop loads %.3f "
                        + "(%.0f words per 64 samples, mostly cache hits), byte layout 2.000%n",
                2.0 * m / 8, words * 8 / 64, words);
        t0 = System.nanoTime();
        InfoTables tab = InfoTables.of(JointTable.empirical(PairCounts.of(x), JointTable.DEFAULT_SMOOTHING),
                p.process().slotKernels(), FDivergence.KL, KgForm.VARIATIONAL);
        double tabSec = secs(t0) + sampleSec;
        t0 = System.nanoTime();
        InfoTables pop = p.tables(FDivergence.KL);
        double popSec = secs(t0);
        t0 = System.nanoTime();
        AscentResult r = AttentionAscent.defaults().train(tab, Objective.KG_MI, p.dag());
        double trainSec = secs(t0);
        System.out.printf(Locale.ROOT, "KG-MI run T=%d K=%d: tables from samples %.3f s (incl. sampling), population tables %.3f s, "
                        + "training %.3f s, stop epoch %s of %d, Delta %.4g, eps %.4g%n",
                t, k, tabSec, popSec, trainSec, r.stopEpoch().isPresent() ? Integer.toString(r.stopEpoch().getAsInt()) : "none",
                r.epochsRun(), pop.gap(p.dag()).min(), tab.estimationError(pop, Objective.KG_MI));

        int tt = 200, epochs = 2000;
        Problem big = Problem.builder().length(tt).states(s).parents(k).seed(1).build();
        InfoTables bigTab = big.tables(FDivergence.KL);
        AttentionAscent fixed = new AttentionAscent(AscentConfig.defaults().withStopEarly(false).withMaxEpochs(epochs));
        double trSec = best(() -> fixed.train(bigTab, Objective.KG_MI, big.dag()));
        double elems = (double) k * tt * (tt - 1) / 2 * epochs;
        System.out.printf(Locale.ROOT, "trainer T=%d K=%d: %.3f ms/epoch, %.2f ns per attention weight update%n",
                tt, k, trSec / epochs * 1e3, trSec / elems * 1e9);

        long peak = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                peak += b.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "memory: heap peak (sum of pool peaks) %.1f MB, heap used now %.1f MB, max heap %.0f MB%n",
                peak / 1e6, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        // last, so that its 256 MB array does not count in the peak above
        double bw1 = readBandwidth(1), bwAll = readBandwidth(Runtime.getRuntime().availableProcessors());
        double perPair = 2.0 * m / 8;
        double bound = bwAll / perPair;
        double bitsetMb = (double) t * m * ((n + 63) / 64) * 8 / 1e6;
        System.out.printf(Locale.ROOT, "memory read bandwidth %6.2f GB/s one thread, %6.2f GB/s all cores (sum over a %d MB long[])%n",
                bw1 / 1e9, bwAll / 1e9, BANDWIDTH_BYTES >> 20);
        System.out.printf(Locale.ROOT, "streaming bound at %.3f B per sample-pair: %6.2f G sample-pairs/s; parallel bitset counts reach "
                        + "%.0f%% of it (its %.1f MB of bitsets are reused across pairs from cache, so it may pass the bound)%n",
                perPair, bound / 1e9, 100 * (pairs / par) / bound, bitsetMb);

        return 0;
    }

    private static final int BANDWIDTH_BYTES = 256 << 20;

    /** Best-of-repeats read bandwidth (bytes/s) of summing a 256 MB array split over {@code threads}. */
    private double readBandwidth(int threads) {
        long[] a = new long[BANDWIDTH_BYTES / 8];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        long[] sink = new long[1];
        double sec = best(() -> {
            int chunk = a.length / threads;
            sink[0] += java.util.stream.IntStream.range(0, threads).parallel().mapToLong(w -> {
                long acc = 0;
                for (int i = w * chunk, end = w == threads - 1 ? a.length : i + chunk; i < end; i++) {
                    acc += a[i];
                }
                return acc;
            }).sum();
        });
        if (sink[0] == 42) {
            System.out.print(""); // keeps the sums alive
        }
        return (double) BANDWIDTH_BYTES / sec;
    }

    private static Samples subset(Samples x, int positions) {
        int[][] m = new int[x.count()][positions];
        for (int i = 0; i < positions; i++) {
            byte[] c = x.column(i);
            for (int q = 0; q < c.length; q++) {
                m[q][i] = c[q];
            }
        }
        return Samples.of(m, x.states());
    }

    private double best(Runnable r) {
        double b = Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.max(1, repeats); i++) {
            long t0 = System.nanoTime();
            r.run();
            b = Math.min(b, secs(t0));
        }
        return b;
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
