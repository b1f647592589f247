package org.causalheads.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of a sharded sweep, written beside each shard's CSV as {@code <shard csv>.plan}: the
 * command, the shard {@code i/N}, the CSV header, how many leading columns form a row's key,
 * which columns are timing columns, and the keys of <em>every</em> row of the unsharded sweep in
 * its enumeration order. Row {@code j} of that list falls to shard {@link Shard#ownerOf}.
 *
 * <p>The keys carry every option a row depends on (the sweeps' {@code settings} columns), so two
 * shards belong to the same run exactly when their plans agree apart from the shard index; that is
 * what {@code merge} checks, and the key list is what lets it name missing rows and put the rows
 * back in the unsharded order.
 *
 * <p>Format: UTF-8 lines {@code name=value} for {@code command}, {@code shard}, {@code header},
 * {@code key-columns}, {@code timing}, {@code rows}, then one line {@code key=<key>} per row.
 *
 * @param command    the command that wrote the shard, e.g. {@code sweep methods}
 * @param shard      the shard
 * @param header     the CSV header line
 * @param keyColumns number of leading columns that form a row's key
 * @param timing     the timing columns (comma-separated; may differ between runs), e.g. {@code millis}
 * @param keys       keys of all rows of the unsharded sweep, in its order
 */
record ShardPlan(String command, Shard shard, String header, int keyColumns, String timing, List<String> keys) {

    private static final String MAGIC = "causal-heads shard plan 1";

    ShardPlan {
        keys = List.copyOf(keys);
    }

    /**
     * Refuses a sweep whose enumeration lists a row twice (a value repeated in a list option): its
     * rows would be computed and written twice.
     *
     * @param options the list options the rows come from, for the error message
     */
    static void requireDistinct(List<String> keys, String options) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String k : keys) {
            if (!seen.add(k)) {
                throw Checks.bad(options, "'" + k + "'", "this row occurs twice in the sweep; expected distinct values "
                        + "in each list option (an option given twice adds its values to the list)");
            }
        }
    }

    /** The plan file of a shard CSV. */
    static Path fileOf(Path shardCsv) {
        return shardCsv.resolveSibling(shardCsv.getFileName() + ".plan");
    }

    /** Whether {@code other} is a plan of the same run (everything equal but the shard index). */
    boolean sameRun(ShardPlan other) {
        return command.equals(other.command) && shard.count() == other.shard.count() && header.equals(other.header)
                && keyColumns == other.keyColumns && timing.equals(other.timing) && keys.equals(other.keys);
    }

    String text() {
        StringBuilder sb = new StringBuilder(MAGIC).append('\n');
        sb.append("command=").append(command).append('\n');
        sb.append("shard=").append(shard.label()).append('\n');
        sb.append("header=").append(header).append('\n');
        sb.append("key-columns=").append(keyColumns).append('\n');
        sb.append("timing=").append(timing).append('\n');
        sb.append("rows=").append(keys.size()).append('\n');
        for (String k : keys) {
            sb.append("key=").append(k).append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes this plan beside {@code shardCsv}. If a plan is already there (a resumed shard), it
     * must be this one: a shard file holds the rows of one plan only.
     *
     * @throws IllegalArgumentException if an existing plan differs
     */
    void writeBeside(Path shardCsv) {
        Path file = fileOf(shardCsv);
        if (Files.exists(file)) {
            ShardPlan old = read("--out", file);
            if (old.sameRun(this) && old.shard.equals(shard)) {
                return;
            }
            throw Checks.bad("--out", shardCsv, "was started as shard " + old.shard.label() + " of a '" + old.command
                    + "' run with other options or settings (its plan " + file + " differs); expected the same command "
                    + "and options to resume (use another --out)");
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The plan in {@code file}.
     *
     * @param what the option or argument naming the file, for error messages
     * @throws IllegalArgumentException if the file is missing or is not a plan written by this version
     */
    static ShardPlan read(String what, Path file) {
        if (!Files.isRegularFile(file)) {
            throw Checks.bad(what, file, "no such plan file; expected the plan a sweep run with --shard writes beside its CSV");
        }
        String[] lines = Checks.readText(what, file).split("\n", -1);
        String[] names = {"command", "shard", "header", "key-columns", "timing", "rows"};
        String[] values = new String[names.length];
        if (lines.length < names.length + 2 || !lines[0].equals(MAGIC) || !lines[lines.length - 1].isEmpty()) {
            throw damaged(what, file, "does not start with '" + MAGIC + "' or is cut short");
        }
        for (int i = 0; i < names.length; i++) {
            String line = lines[i + 1];
            if (!line.startsWith(names[i] + "=")) {
                throw damaged(what, file, "line " + (i + 2) + " is '" + line + "', not '" + names[i] + "=...'");
            }
            values[i] = line.substring(names[i].length() + 1);
        }
        Shard shard;
        int keyColumns;
        int rows;
        try {
            shard = Shard.parse(values[1]);
            keyColumns = Integer.parseInt(values[3]);
            rows = Integer.parseInt(values[5]);
        } catch (IllegalArgumentException e) {
            throw damaged(what, file, "bad shard, key-columns or rows value (" + e.getMessage() + ")");
        }
        List<String> keys = new ArrayList<>();
        for (int i = names.length + 1; i < lines.length - 1; i++) {
            if (!lines[i].startsWith("key=")) {
                throw damaged(what, file, "line " + (i + 1) + " is not 'key=...'");
            }
            keys.add(lines[i].substring(4));
        }
        if (keys.size() != rows) {
            throw damaged(what, file, "lists " + keys.size() + " keys but says rows=" + rows);
        }
        return new ShardPlan(values[0], shard, values[2], keyColumns, values[4], keys);
    }

    private static IllegalArgumentException damaged(String what, Path file, String why) {
        return Checks.bad(what, file, "damaged plan file: " + why + "; expected a plan written by a sweep run with --shard");
    }
}
