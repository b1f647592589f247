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

    @Option(names = "--sections", split = ",", defaultValue = "pairs,kgmi,trainer,memory",
            description = "parts to run, any of pairs, kgmi, trainer, memory (default ${DEFAULT-VALUE})")
    java.util.List<String> sections;

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
        for (String sec : sections) {
            if (!java.util.List.of("pairs", "kgmi", "trainer", "memory").contains(sec)) {
                throw Checks.bad("--sections", sec, "expected a comma-separated list of pairs, kgmi, trainer, memory");
            }
        }
        for (int sz : ss) {
            Checks.between("--Ss", sz, 2, 127);
        }
        // the problem with its samples (twice: the naive-count subset), the T = 200 trainer problem, the 256 MB array
        Checks.fits("bench --n " + n + " --T " + t + " --S " + s + " --K " + k, Checks.kgmiBytes(t, s, k, n)
                + 4.0 * n * Math.min(t, 30) + Checks.kgmiBytes(200, s, k, 0) + BANDWIDTH_BYTES);
        System.out.printf(Locale.ROOT, "bench: n = %d, T = %d, S = %d, K = %d, %d cores, %s, load average %.2f%n", n, t, s, k,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                loadAverage());
        Problem p = Problem.builder().length(t).states(s).parents(k).strength(1.0).seed(1).build();
        long t0 = System.nanoTime();
        Samples x = p.sample(n, 11L);
        double sampleSec = secs(t0);
        System.out.printf(Locale.ROOT, "sampling            %8.3f s   (%d sequences, %.1f MB column-major bytes)%n",
                sampleSec, n, x.bytes() / 1e6);

        double pairs = (double) t * (t - 1) / 2 * n;
        if (sections.contains("pairs")) {
            pairCountTable(x, pairs);
            int tSub = Math.min(t, 30);
            Samples sub = subset(x, tSub);
            double naive = bestCpu(() -> PairCounts.naive(sub));
            double subPairs = (double) tSub * (tSub - 1) / 2 * n;
            System.out.printf(Locale.ROOT, "pair counts bytes   %8.3f s   %6.2f G sample-pairs/s  (S = %d, one thread, naive byte loop, "
                    + "first %d positions, thread CPU time)%n", naive, subPairs / naive / 1e9, s, tSub);
        }
        if (sections.contains("kgmi")) {
            kgmiRun(p, x, sampleSec);
        }
        if (sections.contains("trainer")) {
            trainerTable();
        }
        if (sections.contains("memory")) {
            memory(x, pairs);
        }
        return 0;
    }

    /** Samples per timing of the pair counts: each at least this long (s), so one sample is many passes of a fast count. */
    private static final double MIN_SAMPLE_SEC = 0.25;

    private void pairCountTable(Samples x, double pairs) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "pair counts, all %d pairs j < i, n = %d (%.3g sample-pairs a pass), G sample-pairs/s. Every method "
                + "runs twice untimed first (JIT); a sample times as many passes as fill %.2f s of the one-thread count; best of %d samples, "
                + "the methods' samples taken in turn so that all see the same load:%n", t * (t - 1) / 2, n, pairs, MIN_SAMPLE_SEC, repeats);
        System.out.println("  reference = the earlier long-word loop (PairCounts.reference), one thread, thread CPU time;");
        System.out.println("  tiled = PairCounts.of, one thread, thread CPU time; ratio = tiled / reference;");
        System.out.printf(Locale.ROOT, "  PairCounts.of counts words of %d samples here (int words where the processor has vector population "
                + "counts, AVX-512 VPOPCNTDQ, long words elsewhere; -Dcausalheads.pairWords=int|long chooses);%n", PairCounts.wordBits());
        System.out.println("  1t wall, 2t wall = PairCounts.of on one thread and in parallel (common fork/join pool), wall time, same samples;");
        System.out.println("  2t/1t wall = their ratio, the two-core speed-up: meaningful only when nothing else runs (load average below);");
        System.out.println("  2t thread ms = CPU time per pass of each thread of the parallel count (caller, pool workers): the balance;");
        System.out.println("  2t/1t cpu = the speed-up two idle cores would give, from CPU times (which other processes change far less "
                + "than wall time): max = one-thread CPU time / the largest thread's in the parallel run (under load, the pool "
                + "hands more chunks to whichever thread is running, so this is a lower bound), sum = 2 x one-thread CPU time / "
                + "all threads' (the extra work of the parallel path, if the threads were evenly loaded)");
        System.out.printf(Locale.ROOT, "  load average before: %.2f on %d cores%n", loadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%4s %7s %10s %8s %7s %8s %8s %7s %16s %7s %7s%n", "S", "passes", "reference", "tiled", "ratio",
                "1t wall", "2t wall", "2t/1t", "2t thread ms", "2t/1t", "2t/1t");
        System.out.printf(Locale.ROOT, "%4s %7s %10s %8s %7s %8s %8s %7s %16s %7s %7s%n", "", "", "cpu", "cpu", "", "", "", "wall", "",
                "cpu max", "cpu sum");
        for (int sz : ss) {
            Samples xs = sz == s ? x : Problem.builder().length(t).states(sz).parents(k).strength(1.0).seed(1).build().sample(n, 11L);
            for (int w = 0; w < 2; w++) {
                PairCounts.reference(xs, false);
                PairCounts.of(xs, false);
                PairCounts.of(xs, true);
            }
            long c0 = mx.getCurrentThreadCpuTime();
            PairCounts.of(xs, false);
            double onePass = Math.max(1e-6, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
            c0 = mx.getCurrentThreadCpuTime();
            PairCounts.reference(xs, false);
            double refPass = Math.max(1e-6, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
            int passes = (int) Math.max(1, Math.min(1000, Math.ceil(MIN_SAMPLE_SEC / onePass)));
            int refPasses = (int) Math.max(1, Math.min(1000, Math.ceil(MIN_SAMPLE_SEC / refPass)));
            double refCpu = Double.POSITIVE_INFINITY, oneCpu = Double.POSITIVE_INFINITY, oneWall = Double.POSITIVE_INFINITY;
            double twoWall = Double.POSITIVE_INFINITY, twoMax = Double.POSITIVE_INFINITY;
            double[] twoThreads = new double[0];
            for (int r = 0; r < repeats; r++) {
                c0 = mx.getCurrentThreadCpuTime();
                for (int q = 0; q < refPasses; q++) {
                    PairCounts.reference(xs, false);
                }
                refCpu = Math.min(refCpu, (mx.getCurrentThreadCpuTime() - c0) / 1e9 / refPasses);
                c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                for (int q = 0; q < passes; q++) {
                    PairCounts.of(xs, false);
                }
                oneWall = Math.min(oneWall, secs(w0) / passes);
                oneCpu = Math.min(oneCpu, (mx.getCurrentThreadCpuTime() - c0) / 1e9 / passes);
                long[] ids = poolThreads(mx);
                long[] before = new long[ids.length];
                for (int q = 0; q < ids.length; q++) {
                    before[q] = mx.getThreadCpuTime(ids[q]);
                }
                c0 = mx.getCurrentThreadCpuTime();
                w0 = System.nanoTime();
                for (int q = 0; q < passes; q++) {
                    PairCounts.of(xs, true);
                }
                twoWall = Math.min(twoWall, secs(w0) / passes);
                double[] th = new double[ids.length + 1];
                th[0] = (mx.getCurrentThreadCpuTime() - c0) / 1e9 / passes;
                for (int q = 0; q < ids.length; q++) {
                    long after = mx.getThreadCpuTime(ids[q]);
                    th[q + 1] = after < 0 || before[q] < 0 ? 0 : (after - before[q]) / 1e9 / passes; // -1: the worker ended
                }
                double mxTh = java.util.Arrays.stream(th).max().orElse(Double.POSITIVE_INFINITY);
                if (mxTh < twoMax) {
                    twoMax = mxTh;
                    twoThreads = th;
                }
            }
            StringBuilder tb = new StringBuilder();
            for (double v : twoThreads) {
                tb.append(tb.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.1f", v * 1e3));
            }
            System.out.printf(Locale.ROOT, "%4d %7d %10.2f %8.2f %6.2fx %8.2f %8.2f %6.2fx %16s %6.2fx %6.2fx%n", sz, passes,
                    pairs / refCpu / 1e9, pairs / oneCpu / 1e9, refCpu / oneCpu, pairs / oneWall / 1e9, pairs / twoWall / 1e9,
                    oneWall / twoWall, tb, oneCpu / twoMax, 2 * oneCpu / java.util.Arrays.stream(twoThreads).sum());
        }
        System.out.printf(Locale.ROOT, "  load average after: %.2f (1-minute average of runnable processes; this bench adds up to 2 itself)%n",
                loadAverage());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Ids of the common fork/join pool's worker threads. */
    private static long[] poolThreads(java.lang.management.ThreadMXBean mx) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (java.lang.management.ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti != null && ti.getThreadName().startsWith("ForkJoinPool.commonPool-worker")) {
                ids.add(ti.getThreadId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private void kgmiRun(Problem p, Samples x, double sampleSec) {
        long t0 = System.nanoTime();
        InfoTables tab = InfoTables.of(JointTable.empirical(PairCounts.of(x), JointTable.DEFAULT_SMOOTHING),
                p.process().slotKernels(), FDivergence.KL, KgForm.VARIATIONAL);
        double tabSec = secs(t0) + sampleSec;
        t0 = System.nanoTime();
        InfoTables pop = p.tables(FDivergence.KL);
        double popSec = secs(t0);
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        AscentResult r = AttentionAscent.defaults().train(tab, Objective.KG_MI, p.dag());
        double trainCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        double trainSec = secs(t0);
        System.out.printf(Locale.ROOT, "KG-MI run T=%d K=%d: tables from samples %.3f s (incl. sampling), population tables %.3f s, "
                        + "training %.3f s wall (%.3f s thread CPU), stop epoch %s of %d, Delta %.4g, eps %.4g%n",
                t, k, tabSec, popSec, trainSec, trainCpu, r.stopEpoch().isPresent() ? Integer.toString(r.stopEpoch().getAsInt()) : "none",
                r.epochsRun(), pop.gap(p.dag()).min(), tab.estimationError(pop, Objective.KG_MI));
        t0 = System.nanoTime();
        c0 = mx.getCurrentThreadCpuTime();
        AscentResult rr = ReferenceTrainer.defaults().train(tab, Objective.KG_MI, p.dag());
        double refCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        double refSec = secs(t0);
        double diff = 0;
        for (int l = 0; l < k; l++) {
            for (int i = 1; i < t; i++) {
                for (int j = 0; j < i; j++) {
                    diff = Math.max(diff, Math.abs(r.attention().weight(l, i, j) - rr.attention().weight(l, i, j)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "  same run, reference trainer: training %.3f s wall (%.3f s thread CPU, %.2fx the trainer's), "
                        + "stop epoch %s of %d, max |attention difference| %.3g%n", refSec, refCpu, refCpu / trainCpu,
                rr.stopEpoch().isPresent() ? Integer.toString(rr.stopEpoch().getAsInt()) : "none", rr.epochsRun(), diff);
    }

    private void trainerTable() {
        System.out.printf(Locale.ROOT, "trainer K=%d, S=%d, population KL tables, fixed epoch budget (no early stop), ms per epoch "
                + "from thread CPU time, best of %d; each trainer run once untimed first, then the two trainers alternate "
                + "run by run so that both see the same conditions:%n", k, s, repeats);
        System.out.printf(Locale.ROOT, "%5s %8s %14s %14s %7s %18s %12s%n", "T", "epochs", "reference ms", "trainer ms", "ratio",
                "ns per weight", "growth x2 T");
        double prev = Double.NaN;
        for (int tt : new int[] {25, 50, 100, 200}) {
            int epochs = Math.max(2000, 20_000_000 / (tt * tt));
            Problem big = Problem.builder().length(tt).states(s).parents(k).seed(1).build();
            InfoTables bigTab = big.tables(FDivergence.KL);
            AscentConfig cfg = AscentConfig.defaults().withStopEarly(false).withMaxEpochs(epochs);
            double[] b = bestCpuAlternating(() -> new ReferenceTrainer(cfg).train(bigTab, Objective.KG_MI, big.dag()),
                    () -> new AttentionAscent(cfg).train(bigTab, Objective.KG_MI, big.dag()));
            double refT = b[0] / epochs, newT = b[1] / epochs;
            double elems = (double) k * tt * (tt - 1) / 2;
            System.out.printf(Locale.ROOT, "%5d %8d %14.4f %14.4f %6.2fx %18.2f %12s%n", tt, epochs, refT * 1e3, newT * 1e3, refT / newT,
                    newT / elems * 1e9, Double.isNaN(prev) ? "" : String.format(Locale.ROOT, "%.2fx", newT / prev));
            prev = newT;
        }
        System.out.println("  (growth x2 T: ms/epoch against the row above; O(T^2) work gives 4x)");
    }

    private void memory(Samples x, double pairs) {
        int m = s - 1;
        double par = best(() -> PairCounts.of(x, true));

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

    /** Thread CPU time (s) of two single-threaded tasks, each run once untimed, then in turn; best of repeats each. */
    private double[] bestCpuAlternating(Runnable a, Runnable b) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        a.run();
        b.run();
        double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (int i = 0; i < repeats; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            a.run();
            long t1 = mx.getCurrentThreadCpuTime();
            b.run();
            long t2 = mx.getCurrentThreadCpuTime();
            best[0] = Math.min(best[0], (t1 - t0) / 1e9);
            best[1] = Math.min(best[1], (t2 - t1) / 1e9);
        }
        return best;
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
