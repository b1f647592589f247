package org.causalheads.notebook;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Notebooks run in bare JShells, many to a JVM. A worker is a JVM running
 * {@link PlainJShellRunner} {@code --serve}: it takes the next notebook from one queue shared by
 * every test class and runs it in a JShell of its own, whose snippets, their classes and their
 * class loader are gone with it (the library's classes stay loaded, as in a kernel that has run
 * another notebook before; the library keeps no mutable static state). Up to
 * {@link SuiteJobs#WIDTH} workers run, each as one job of the suite's shared pool, and a worker
 * ends when the queue is empty. From its second notebook on, a worker's compiler (JShell's javac)
 * and JIT are warm: a quick-mode notebook whose time is mostly compiling snippets costs a third to
 * a half of the CPU of a JVM of its own.
 *
 * <p>A notebook that runs past its timeout ends its worker's JVM and fails; the next notebook gets
 * a new JVM. So does one that ends the JVM itself ({@code System.exit}, a crash). Every notebook's
 * wall and CPU seconds (the worker process's CPU time over that notebook, every thread counted) go
 * to {@code target/suite-times.tsv} like any job's, and so does each worker's own start and end.
 */
final class JShellWorkers {

    private static final Path HOME = SuiteJobs.HOME;
    private static final String GROUP = "jshell";
    private static final AtomicInteger STARTED = new AtomicInteger();
    /** Notebooks not yet taken by a worker; guards {@link #workers}. */
    private static final Deque<Task> QUEUE = new ArrayDeque<>();
    private static int workers;

    private JShellWorkers() {
    }

    private record Task(String label, Path notebook, Path startup, Path out, Duration timeout,
            CompletableFuture<SuiteJobs.Result> result) {
    }

    /**
     * Queues {@code notebook} (null: none), after the start-up script {@code startup} (null: none),
     * for a bare JShell; its output goes to {@code out}. The result's exit status is 0 when every
     * cell ran and every picture cell ends in an image, 1 when there was a problem (its lines start
     * {@code problem:}), -1 when it did not finish within {@code timeout}.
     */
    static Future<SuiteJobs.Result> submit(String label, Path notebook, Path startup, Path out, Duration timeout) {
        Task task = new Task(label, notebook, startup, out, timeout, new CompletableFuture<>());
        synchronized (QUEUE) {
            QUEUE.add(task);
            if (workers < SuiteJobs.WIDTH) {
                workers++;
                SuiteJobs.onPool(JShellWorkers::work);
            }
        }
        return task.result();
    }

    /** One worker: notebooks from the queue until it is empty, a JVM for as many of them as it can. */
    private static Void work() throws IOException, InterruptedException {
        Worker worker = null;
        try {
            while (true) {
                Task task;
                synchronized (QUEUE) {
                    task = QUEUE.poll();
                    if (task == null) {
                        workers--;
                        return null;
                    }
                }
                try {
                    if (worker == null) {
                        worker = new Worker();
                    }
                    SuiteJobs.Result r = worker.run(task);
                    if (!r.finished() || !worker.process.isAlive()) {
                        worker.kill();
                        worker = null;
                    }
                    task.result().complete(r);
                } catch (Throwable e) {
                    task.result().completeExceptionally(e);
                    if (worker != null) {
                        worker.kill();
                        worker = null;
                    }
                }
            }
        } finally {
            if (worker != null) {
                worker.close();
            }
        }
    }

    /** {@code target/classes} and every jar of {@code target/lib}: the IJava class path, the snippets' only one. */
    static List<String> libraryClasspath() throws IOException {
        Path lib = HOME.resolve("target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is built by mvn package / environment/setup.sh: run it first");
        }
        List<String> cp = new ArrayList<>();
        cp.add(HOME.resolve("target/classes").toString());
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> cp.add(p.toString()));
        }
        return cp;
    }

    /** A worker JVM, its input and the lines it prints (an end-of-output sentinel last). */
    private static final class Worker {

        private static final String END = new String("end of output");

        final Process process;
        private final int id = STARTED.incrementAndGet();
        private final String marker = "@@notebook-done-" + UUID.randomUUID();
        private final BufferedWriter input;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final long started = System.nanoTime();
        private double tasksCpu;
        private double tasksWall;

        Worker() throws IOException {
            List<String> library = libraryClasspath();
            List<String> jvmClasspath = new ArrayList<>(library);
            jvmClasspath.add(HOME.resolve("target/test-classes").toString());
            List<String> cmd = new ArrayList<>(List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.awt.headless=true", "-Xss4m",
                    "-cp", String.join(File.pathSeparator, jvmClasspath),
                    PlainJShellRunner.class.getName(), "--serve", marker));
            cmd.addAll(library);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(HOME.toFile());
            pb.environment().put("CAUSAL_HEADS_HOME", HOME.toString());
            SuiteJobs.addJvmOptions(pb);
            process = pb.start();
            input = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("(reading the worker's output failed: " + e + ")");
                } finally {
                    lines.add(END);
                }
            }, "jshell-worker-" + id + "-output");
            reader.setDaemon(true);
            reader.start();
        }

        SuiteJobs.Result run(Task task) throws IOException, InterruptedException {
            long start = System.nanoTime();
            StringBuilder out = new StringBuilder();
            boolean finished = true;
            int exit;
            double cpu = Double.NaN;
            try {
                input.write((task.notebook() == null ? "-" : task.notebook().toString()) + "\t"
                        + (task.startup() == null ? "-" : task.startup().toString()) + "\n");
                input.flush();
            } catch (IOException e) {
                out.append("(the worker JVM took no input: ").append(e).append(")\n");
            }
            long deadline = start + task.timeout().toNanos();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    finished = false;
                    exit = -1;
                    out.append("(still running after ").append(task.timeout()).append("; the worker JVM was ended)\n");
                    break;
                }
                if (line == END) {
                    process.waitFor(30, TimeUnit.SECONDS);
                    exit = process.isAlive() ? 1 : Math.max(1, process.exitValue());
                    out.append("(the worker JVM ended while running this notebook, exit status ")
                            .append(process.isAlive() ? "unknown" : String.valueOf(process.exitValue())).append(")\n");
                    break;
                }
                if (line.startsWith(marker + " ")) {
                    String[] f = line.substring(marker.length() + 1).strip().split(" ");
                    exit = Integer.parseInt(f[0]) == 0 ? 0 : 1;
                    cpu = Double.parseDouble(f[1]);
                    tasksCpu += cpu;
                    break;
                }
                out.append(line).append('\n');
            }
            double wall = (System.nanoTime() - start) * 1e-9;
            tasksWall += wall;
            Files.createDirectories(task.out().toAbsolutePath().getParent());
            Files.writeString(task.out(), out, StandardCharsets.UTF_8);
            SuiteJobs.record(GROUP, task.label(), wall, cpu, exit);
            return new SuiteJobs.Result(task.label(), finished, exit, out.toString(), wall, cpu);
        }

        /** Ends the input, waits for the JVM and records its own start and end (wall and CPU beyond its notebooks'). */
        void close() throws InterruptedException {
            try {
                input.close();
            } catch (IOException e) {
                // the JVM is gone already
            }
            double total = Double.NaN;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (String line; (line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null && line != END; ) {
                if (line.startsWith(marker + " end ")) {
                    total = Double.parseDouble(line.substring(marker.length() + 5).strip());
                }
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
            SuiteJobs.record(GROUP, "worker " + id + ": its JVM's start and end", (System.nanoTime() - started) * 1e-9 - tasksWall,
                    total - tasksCpu, process.isAlive() ? -1 : process.exitValue());
        }

        void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
