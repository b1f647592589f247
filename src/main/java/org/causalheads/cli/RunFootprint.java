package org.causalheads.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Time and memory of one piece of a command's work, appended as a line to a sidecar CSV beside
 * the command's output ({@link #beside}): the {@code amortised} command writes one line per
 * (setting, family seed) it worked on.
 *
 * <p>Memory is measured two ways, both from the moment {@link #start()} is called:
 * <ul>
 *   <li><b>peak heap</b>: the sum over the JVM's heap memory pools of their peak usage
 *       ({@link MemoryPoolMXBean#getPeakUsage()}), the pools' peaks reset at the start. It counts
 *       garbage not yet collected as well, so it is an upper bound on what the work needed live;</li>
 *   <li><b>peak resident set</b>: {@code VmHWM} of {@code /proc/self/status} (Linux), the
 *       process's high-water mark of resident memory, which includes the JVM itself. Writing
 *       {@code 5} to {@code /proc/self/clear_refs} resets it on Linux; where that is refused the
 *       figure is the peak since the process started (column {@code rss_since_start} says which).
 *       Empty where {@code /proc} is missing.</li>
 * </ul>
 */
final class RunFootprint {

    /** Columns of the sidecar CSV. */
    static final List<String> HEADER = List.of("finished_utc", "setting", "d", "data", "seed", "settings", "shard",
            "train_seconds", "rows", "rows_seconds", "heap_peak_mb", "rss_peak_mb", "rss_since_start");

    private final boolean rssReset;

    private RunFootprint(boolean rssReset) {
        this.rssReset = rssReset;
    }

    /** The sidecar of {@code csv}: {@code name.csv} → {@code name.runs.csv} in the same folder. */
    static Path beside(Path csv) {
        String name = csv.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return csv.resolveSibling(stem + ".runs.csv");
    }

    /** Starts measuring: resets the heap pools' peaks and, where allowed, the resident-set peak. */
    static RunFootprint start() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
        boolean reset;
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            reset = true;
        } catch (IOException | RuntimeException e) {
            reset = false;
        }
        return new RunFootprint(reset);
    }

    /** Sum of the heap pools' peak usage since {@link #start()}, in bytes. */
    long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** {@code VmHWM} in bytes, or -1 if {@code /proc/self/status} cannot be read. */
    static long residentPeakBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024L; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Appends one line to {@code sidecar} (writing {@link #HEADER} first if the file is new or empty).
     *
     * @throws IllegalArgumentException if a text field holds a comma or a line break
     */
    void append(Path sidecar, String setting, int d, String data, long seed, String settings, String shard,
            double trainSeconds, int rows, double rowsSeconds) throws IOException {
        for (String s : List.of(setting, data, settings, shard)) {
            if (s.indexOf(',') >= 0 || s.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("text cell '" + s + "' holds a comma or a line break; expected a plain CSV cell");
            }
        }
        long rss = residentPeakBytes();
        String line = String.join(",", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), setting, Integer.toString(d), data,
                Long.toString(seed), settings, shard, String.format(Locale.ROOT, "%.6f", trainSeconds), Integer.toString(rows),
                String.format(Locale.ROOT, "%.2f", rowsSeconds), String.format(Locale.ROOT, "%.1f", heapPeakBytes() / 1048576.0),
                rss < 0 ? "" : String.format(Locale.ROOT, "%.1f", rss / 1048576.0), Boolean.toString(!rssReset)) + "\n";
        boolean fresh = !Files.exists(sidecar) || Files.size(sidecar) == 0;
        Files.writeString(sidecar, (fresh ? String.join(",", HEADER) + "\n" : "") + line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
