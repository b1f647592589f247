package org.causalheads.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The suite's heavy child processes — notebooks executed on the project kernel, notebooks run in
 * a bare JShell, assignment grading — on one bounded pool shared by every test class of the test
 * JVM, so that they run {@link #WIDTH} at a time instead of one after another. A test submits its
 * jobs first (all of them, so the pool is never idle between two tests of a class) and then waits
 * for each in its own {@code DynamicTest}; what a job checks is unchanged, only when it runs.
 * Such a test class is marked {@code @Execution(ExecutionMode.CONCURRENT)} (the build enables
 * JUnit's parallel execution for marked classes only), so that it submits its jobs when the test
 * run starts and waits beside the unit tests. A new notebook test does the same:
 * {@link #notebook} runs {@code environment/run_notebooks.py} with any arguments (a parameter set,
 * say) on the pool.
 *
 * <p>{@code -Dsuite.jobs=N} sets the width (default: the number of processors, at most 4; 1 runs
 * the jobs one at a time as before). Every finished job appends one line to
 * {@code target/suite-times.tsv}: group, label, wall seconds, CPU seconds (user + system of the
 * job and every descendant it waited for, through {@code /usr/bin/time} where the machine has
 * it, else empty) and exit status. With jobs running side by side, a test's own time in the
 * Surefire report is its waiting time; this file says what each job cost.
 *
 * <p>Every JVM a job starts (a kernel, a bare JShell) gets {@code -Dsuite.jvmOptions} through
 * {@code JAVA_TOOL_OPTIONS}; by default {@code -XX:TieredStopAtLevel=1}, the client compiler
 * alone. A quick-mode notebook run is mostly JShell compiling snippets and short computations,
 * where the optimising compiler's own work does not pay back: it changes no result (Java's
 * arithmetic is the same under every compiler), only the CPU time. An empty value leaves the JVMs'
 * defaults.
 */
final class SuiteJobs {

    static final Path HOME = Paths.get("").toAbsolutePath();
    static final int WIDTH = width();
    static final Path TIMES = HOME.resolve("target/suite-times.tsv");
    static final String JVM_OPTIONS = System.getProperty("suite.jvmOptions", "-XX:TieredStopAtLevel=1").strip();
    private static final Path TIME = Paths.get("/usr/bin/time");
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Pool jobs share it; {@link #alone} takes it whole (fair: a waiting lone job holds back new ones). */
    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock(true);
    private static final ExecutorService POOL = Executors.newFixedThreadPool(WIDTH, r -> {
        Thread t = new Thread(r, "suite-job-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    static {
        try {
            Files.createDirectories(TIMES.getParent());
            Files.writeString(TIMES, "group\tjob\twall_s\tcpu_s\texit\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SuiteJobs() {
    }

    /** One finished job: its exit status (-1 if it was stopped), output, wall and CPU seconds. */
    record Result(String label, boolean finished, int exit, String output, double wallSeconds, double cpuSeconds) {

        /** The last {@code max} characters of the output, for a failure message. */
        String tail(int max) {
            return output.length() <= max ? output : "..." + output.substring(output.length() - max);
        }
    }

    private static int width() {
        String set = System.getProperty("suite.jobs", "");
        if (!set.isBlank()) {
            try {
                int n = Integer.parseInt(set.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("-Dsuite.jobs=" + set + ": expected a whole number of parallel jobs, at least 1");
        }
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** The Python interpreter recorded by {@code environment/setup.sh}. */
    static String python() throws IOException {
        Path file = HOME.resolve("target/python-path");
        if (!Files.exists(file)) {
            throw new IllegalStateException("target/python-path is written by environment/setup.sh: run it first");
        }
        return Files.readString(file).trim();
    }

    /**
     * Runs {@code command} on the pool with {@code env} added to the environment, its output (stdout
     * and stderr) to {@code out}; stops it and everything it started after {@code timeout}.
     */
    static Future<Result> submit(String group, String label, List<String> command, Map<String, String> env, Path out,
            Duration timeout) {
        return onPool(() -> run(group, label, command, env, out, timeout));
    }

    /** Runs {@code work} on the pool, as one job beside the others (a {@link JShellWorkers} worker). */
    static <T> Future<T> onPool(Callable<T> work) {
        return POOL.submit(() -> {
            LOCK.readLock().lockInterruptibly();
            try {
                return work.call();
            } finally {
                LOCK.readLock().unlock();
            }
        });
    }

    /**
     * Runs {@code command} now, in the calling thread, once no other job is running, and holds the
     * pool until it ends: for a check with a deadline of its own (a Notebook server waiting 60 s for
     * the kernel's first reply) that must not share the processors with the suite's other jobs.
     */
    static Result alone(String group, String label, List<String> command, Map<String, String> env, Path out,
            Duration timeout) throws IOException, InterruptedException {
        LOCK.writeLock().lockInterruptibly();
        try {
            return run(group, label, command, env, out, timeout);
        } finally {
            LOCK.writeLock().unlock();
        }
    }

    /**
     * Runs {@code environment/run_notebooks.py} with {@code arguments} (for instance
     * {@code --check --quick NOTEBOOK}, or a parameter set) on the pool, for this checkout
     * ({@code CAUSAL_HEADS_HOME}), the kernel's log and the runner's output under
     * {@code target/kernel-logs/<file>.log} and {@code .out}.
     */
    static Future<Result> notebook(String group, String label, String file, List<String> arguments, Duration timeout)
            throws IOException {
        Path logs = Files.createDirectories(HOME.resolve("target/kernel-logs"));
        List<String> cmd = new ArrayList<>(List.of(python(), HOME.resolve("environment/run_notebooks.py").toString()));
        cmd.addAll(arguments);
        return submit(group, label, cmd,
                Map.of("CAUSAL_HEADS_HOME", HOME.toString(), "CAUSAL_HEADS_KERNEL_LOG", logs.resolve(file + ".log").toString()),
                logs.resolve(file + ".out"), timeout);
    }

    /** The result of a submitted job (an exception of the job itself is rethrown as it is). */
    static Result await(Future<Result> job) throws Exception {
        try {
            return job.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }

    /** Gives every JVM that {@code pb} starts {@link #JVM_OPTIONS}, through {@code JAVA_TOOL_OPTIONS}. */
    static void addJvmOptions(ProcessBuilder pb) {
        if (!JVM_OPTIONS.isEmpty()) {
            String inherited = pb.environment().getOrDefault("JAVA_TOOL_OPTIONS", "").strip();
            pb.environment().put("JAVA_TOOL_OPTIONS", inherited.isEmpty() ? JVM_OPTIONS : inherited + " " + JVM_OPTIONS);
        }
    }

    private static Result run(String group, String label, List<String> command, Map<String, String> env, Path out,
            Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path cpu = out.resolveSibling(out.getFileName() + ".time");
        Files.deleteIfExists(cpu);
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(TIME);
        if (timed) {
            cmd.addAll(List.of(TIME.toString(), "-q", "-f", "%U %S", "-o", cpu.toString()));
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(env);
        addJvmOptions(pb);
        long start = System.nanoTime();
        Process p = pb.start();
        boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            // the job's own children first (a kernel, the JVM under /usr/bin/time), then the job
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        double wall = (System.nanoTime() - start) * 1e-9;
        double cpuSeconds = Double.NaN;
        if (timed && finished && Files.exists(cpu)) {
            // "%U %S" on the last line; a line before it says "Command exited with non-zero status"
            List<String> lines = Files.readAllLines(cpu).stream().filter(l -> !l.isBlank()).toList();
            if (!lines.isEmpty()) {
                String[] us = lines.get(lines.size() - 1).strip().split("\\s+");
                try {
                    cpuSeconds = Double.parseDouble(us[0]) + Double.parseDouble(us[1]);
                } catch (RuntimeException e) {
                    cpuSeconds = Double.NaN;
                }
            }
        }
        int exit = finished ? p.exitValue() : -1;
        record(group, label, wall, cpuSeconds, exit);
        return new Result(label, finished, exit, Files.readString(out, StandardCharsets.UTF_8), wall, cpuSeconds);
    }

    static synchronized void record(String group, String label, double wall, double cpu, int exit) {
        try {
            Files.createDirectories(TIMES.getParent());
            String line = String.format(Locale.ROOT, "%s\t%s\t%.1f\t%s\t%d%n", group, label, wall,
                    Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, "%.1f", cpu), exit);
            Files.writeString(TIMES, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
