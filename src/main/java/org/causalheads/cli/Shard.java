package org.causalheads.cli;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shard of a sweep, {@code --shard i/N}: the shards are numbered from 1, so {@code i} runs
 * over {@code 1..N} (a Slurm job array {@code --array=1-N} passes {@code $SLURM_ARRAY_TASK_ID}
 * unchanged).
 *
 * <p><b>Assignment.</b> A sweep enumerates its rows in one fixed order (the order an unsharded run
 * writes them); row {@code j} of that enumeration ({@code j = 0, 1, ...}) falls to shard
 * {@code (j mod N) + 1}. Each row falls to exactly one shard, so the shards partition the sweep,
 * and dealing the rows round-robin spreads the expensive end of a grid (large T, large n) over all
 * shards.
 *
 * <p><b>Files.</b> A sharded run writing to {@code --out dir/name.csv} writes
 * {@code dir/name.shard-i-of-N.csv} instead ({@link #file}), beside a plan file
 * ({@link ShardPlan}) that {@code merge} uses to check the shards and restore the order.
 *
 * @param index the shard, {@code 1 <= index <= count}
 * @param count the number of shards, at least 1
 */
record Shard(int index, int count) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    /** What a valid {@code --shard} value looks like, for error messages. */
    static final String EXPECTED = "expected i/N with integers 1 <= i <= N (shards are numbered from 1), e.g. 1/3";

    Shard {
        if (count < 1 || index < 1 || index > count) {
            throw Checks.bad("--shard", index + "/" + count, EXPECTED);
        }
    }

    /**
     * The shard of a {@code --shard} value, {@code null} for none.
     *
     * @throws IllegalArgumentException naming the value if it is not {@code i/N} with {@code 1 <= i <= N}
     */
    static Shard parse(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw Checks.bad("--shard", value.isEmpty() ? "''" : value, EXPECTED);
        }
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || i < 1 || i > n) {
            throw Checks.bad("--shard", value.trim(), EXPECTED);
        }
        return new Shard(i, n);
    }

    /** The shard that row {@code row} (0-based, in the unsharded enumeration order) falls to. */
    static int ownerOf(long row, int count) {
        return (int) (row % count) + 1;
    }

    /** Whether row {@code row} (0-based, in the unsharded enumeration order) falls to this shard. */
    boolean owns(long row) {
        return ownerOf(row, count) == index;
    }

    /** {@code i/N}. */
    String label() {
        return index + "/" + count;
    }

    /** The file this shard writes for an unsharded output {@code out}: {@code name.shard-i-of-N.csv}. */
    Path file(Path out) {
        String name = out.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(stem + ".shard-" + index + "-of-" + count + ".csv");
    }
}
