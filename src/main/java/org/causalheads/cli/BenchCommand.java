package org.causalheads.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.causalheads.attention.ReferenceTrainer;
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

    @Option(names = {"--T", "-T"}, defaultValue = "100", description = "positions (default ${DEFAULT-VALUE})")
    int t;

    @Option(names = {"--S", "-S"}, defaultValue = "4", description = "alphabet (default ${DEFAULT-VALUE})")
    int s;

    @Option(names = {"--K", "-K"}, defaultValue = "3", description = "parents = heads (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--Ss", split = ",", defaultValue = "2,3,4,6,8,10,16",
            description = "alphabet sizes for the pair-count table (default ${DEFAULT-VALUE})")
    int[] ss;

    @Option(names = "--repeats", defaultValue = "3", description = "repeats per timing, best kept (default ${DEFAULT-VALUE})")
    int repeats;

    @Override
    public Integer call() {
        Checks.atLeast("--n", n, 1);
        Checks.between("--T", t, 2, ProblemOptions.MAX_LENGTH);
        Checks.between("--S", s, 2, 127);
        Checks.atLeast("--K", k, 1);
        if (k >= t) {
            throw Checks.bad("--K", k, "expected K < T = " + t);
        }
        Checks.atLeast("--repeats", repeats, 1);
        // the problem with its samples (twice: the naive-count subset), the T = 200 trainer problem, the 256 MB array
        Checks.fits("bench --n " + n + " --T " + t + " --S " + s + " --K " + k, Checks.kgmiBytes(t, s, k, n)
                + 4.0 * n * Math.min(t, 30) + Checks.kgmiBytes(200, s, k, 0) + BANDWIDTH_BYTES);
        System.out.printf(Locale.ROOT, "bench: n = %d, T = %d, S = %d, K = %d, %d cores, %s%n", n, t, s, k,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        Problem p = Problem.builder().length(t).states(s).parents(k).strength(1.0).seed(1).build();
        long t0 = System.nanoTime();
        Samples x = p.sample(n, 11L);
        double sampleSec = secs(t0);
        System.out.printf(Locale.ROOT, "sampling            %8.3f s   (%d sequences, %.1f MB column-major bytes)%n",
                sampleSec, n, x.bytes() / 1e6);

        double pairs = (double) t * (t - 1) / 2 * n;
        System.out.printf(Locale.ROOT, "pair counts, all %d pairs j < i, n = %d, in G sample-pairs/s, best of %d; reference = the "
                + "earlier long-word loop (PairCounts.reference), tiled = PairCounts.of; one-thread columns from thread CPU time "
                + "(time lost to other processes left out), two-core column and its 1-thread baseline from wall time%n",
                t * (t - 1) / 2, n, repeats);
        System.out.printf(Locale.ROOT, "%4s %10s %10s %7s %12s %12s %7s%n", "S", "reference", "tiled", "ratio", "tiled 1t wall",
                "tiled 2t wall", "2t/1t");
        for (int sz : ss) {
            Samples xs = sz == s ? x : Problem.builder().length(t).states(sz).parents(k).strength(1.0).seed(1).build().sample(n, 11L);
            double ref = bestCpu(() -> PairCounts.reference(xs, false));
            double one = bestCpu(() -> PairCounts.of(xs, false));
            double oneWall = best(() -> PairCounts.of(xs, false));
            double two = best(() -> PairCounts.of(xs, true));
            System.out.printf(Locale.ROOT, "%4d %10.2f %10.2f %6.2fx %12.2f %12.2f %6.2fx%n", sz, pairs / ref / 1e9, pairs / one / 1e9,
                    ref / one, pairs / oneWall / 1e9, pairs / two / 1e9, oneWall / two);
        }
        int tSub = Math.min(t, 30);
        Samples sub = subset(x, tSub);
        double naive = best(() -> PairCounts.naive(sub));
        double subPairs = (double) tSub * (tSub - 1) / 2 * n;
        double par = best(() -> PairCounts.of(x, true));
        System.out.printf(Locale.ROOT, "pair counts bytes   %8.3f s   %6.2f G sample-pairs/s  (S = %d, one thread, naive byte loop, first %d positions)%n",
                naive, subPairs / naive / 1e9, s, tSub);
        int m = s - 1;
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
        t0 = System.nanoTime();
        AscentResult rr = ReferenceTrainer.defaults().train(tab, Objective.KG_MI, p.dag());
        double refSec = secs(t0);
        double diff = 0;
        for (int l = 0; l < k; l++) {
            for (int i = 1; i < t; i++) {
                for (int j = 0; j < i; j++) {
                    diff = Math.max(diff, Math.abs(r.attention().weight(l, i, j) - rr.attention().weight(l, i, j)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "  same run, reference trainer: training %.3f s (%.2fx the time), stop epoch %s of %d, "
                        + "max |attention difference| %.3g%n", refSec, refSec / trainSec,
                rr.stopEpoch().isPresent() ? Integer.toString(rr.stopEpoch().getAsInt()) : "none", rr.epochsRun(), diff);

        System.out.printf(Locale.ROOT, "trainer K=%d, S=%d, population KL tables, fixed epoch budget, thread CPU time, best of %d:%n",
                k, s, repeats);
        System.out.printf(Locale.ROOT, "%5s %8s %14s %14s %7s %18s %12s%n", "T", "epochs", "reference ms", "trainer ms", "ratio",
                "ns per weight", "growth x2 T");
        double prev = Double.NaN;
        for (int tt : new int[] {25, 50, 100, 200}) {
            int epochs = Math.max(2000, 20_000_000 / (tt * tt));
            Problem big = Problem.builder().length(tt).states(s).parents(k).seed(1).build();
            InfoTables bigTab = big.tables(FDivergence.KL);
            AscentConfig cfg = AscentConfig.defaults().withStopEarly(false).withMaxEpochs(epochs);
            double refT = bestCpu(() -> new ReferenceTrainer(cfg).train(bigTab, Objective.KG_MI, big.dag())) / epochs;
            double newT = bestCpu(() -> new AttentionAscent(cfg).train(bigTab, Objective.KG_MI, big.dag())) / epochs;
            double elems = (double) k * tt * (tt - 1) / 2;
            System.out.printf(Locale.ROOT, "%5d %8d %14.4f %14.4f %6.2fx %18.2f %12s%n", tt, epochs, refT * 1e3, newT * 1e3, refT / newT,
                    newT / elems * 1e9, Double.isNaN(prev) ? "" : String.format(Locale.ROOT, "%.2fx", newT / prev));
            prev = newT;
        }
        System.out.println("  (growth x2 T: ms/epoch against the row above; O(T^2) work gives 4x)");

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

    /** Best-of-repeats thread CPU time (s) of a single-threaded task. */
    private double bestCpu(Runnable r) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isCurrentThreadCpuTimeSupported()) {
            return best(r);
        }
        double b = Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.max(1, repeats); i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            r.run();
            b = Math.min(b, (mx.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        return b;
    }

    private double best(Runnable r) {
        double b = Double.POSITIVE_INFINITY;
        for (int i = 0; i < repeats; i++) {
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
