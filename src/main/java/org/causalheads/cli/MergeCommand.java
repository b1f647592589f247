package org.causalheads.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code merge}: combines the CSVs of a sweep run as shards ({@code --shard i/N}) into the file the
 * unsharded run would have written: its header, then every row of the sweep in the unsharded
 * enumeration order (not file order), each line copied unchanged. It therefore equals the
 * unsharded file byte for byte apart from the timing columns ({@code seconds} of {@code sweep}
 * and {@code incontext-paper}, {@code millis} of {@code sweep methods}), which measure the machine.
 *
 * <p>Each shard's plan ({@link ShardPlan}) is read beside its CSV. Refused, with an {@code error:}
 * line naming the file: shards of different commands, headers or shard counts; shards made with
 * different settings (their row lists differ; the first difference is named); a shard given twice
 * or missing; a damaged CSV (the checks of {@link ResumableCsv}, a torn last row included); a row
 * that is not in the plan, sits in the wrong shard or appears twice; rows missing (the first is
 * named, with its shard); an existing output without {@code --overwrite}.
 *
 * <pre>
 *   causal-heads merge --out data/methods_asia.csv data/methods_asia.shard-*-of-8.csv
 * </pre>
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the shard CSVs of one sweep (--shard i/N) into the file an unsharded run writes.")
public final class MergeCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "merged CSV file")
    Path out;

    @Option(names = "--overwrite", description = "replace an existing --out")
    boolean overwrite;

    @Parameters(arity = "1..*", paramLabel = "SHARD", description = "the shard CSVs (name.shard-i-of-N.csv), all N of them")
    List<Path> shards;

    @Override
    public Integer call() throws IOException {
        // plans: one run, each shard once, none missing
        List<ShardPlan> plans = new ArrayList<>();
        ShardPlan first = null;
        Path firstFile = null;
        Map<Integer, Path> byIndex = new HashMap<>();
        for (Path f : shards) {
            if (!Files.isRegularFile(f)) {
                throw Checks.bad("SHARD", f, "no such file; expected a shard CSV written with --shard");
            }
            ShardPlan p = ShardPlan.read("SHARD", ShardPlan.fileOf(f));
            if (first == null) {
                first = p;
                firstFile = f;
            } else {
                requireSameRun(f, p, firstFile, first);
            }
            Path other = byIndex.putIfAbsent(p.shard().index(), f);
            if (other != null) {
                throw Checks.bad("SHARD", f, "is shard " + p.shard().label() + ", and so is " + other
                        + "; expected each shard once");
            }
            plans.add(p);
        }
        int count = first.shard().count();
        List<String> missingShards = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (!byIndex.containsKey(i)) {
                missingShards.add(i + "/" + count);
            }
        }
        if (!missingShards.isEmpty()) {
            throw Checks.bad("SHARD", String.join(" ", missingShards), "shard(s) not given; expected all " + count
                    + " shards of the run (" + shards.size() + " given)");
        }
        Path absOut = out.toAbsolutePath().normalize();
        for (Path f : shards) {
            if (f.toAbsolutePath().normalize().equals(absOut)) {
                throw Checks.bad("--out", out, "is one of the shards; expected another file");
            }
        }
        if (Files.exists(out) && !overwrite) {
            throw Checks.bad("--out", out, "exists; expected a new file (or --overwrite to replace it)");
        }
        Checks.writable("--out", out);

        // rows: each in the plan, in its own shard, once; none missing
        List<String> header = Arrays.asList(first.header().split(",", -1));
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < first.keys().size(); j++) {
            if (index.putIfAbsent(first.keys().get(j), j) != null) {
                throw Checks.bad("SHARD", firstFile, "its plan lists row '" + first.keys().get(j)
                        + "' twice; expected a plan written by a sweep");
            }
        }
        String[] merged = new String[first.keys().size()];
        String[] from = new String[merged.length];
        for (int s = 0; s < shards.size(); s++) {
            Path f = shards.get(s);
            Shard shard = plans.get(s).shard();
            List<String> rows = ResumableCsv.readFinished("SHARD", f, header);
            for (int r = 0; r < rows.size(); r++) {
                String line = rows.get(r);
                String key = String.join(",", Arrays.asList(line.split(",", -1)).subList(0, first.keyColumns()));
                String where = f + " line " + (r + 2);
                Integer j = index.get(key);
                if (j == null) {
                    throw Checks.bad("SHARD", where, "row '" + key + "' is not in the run's plan; expected only rows "
                            + "of this run (was the file also written with other options?)");
                }
                int owner = Shard.ownerOf(j, count);
                if (owner != shard.index()) {
                    throw Checks.bad("SHARD", where, "row '" + key + "' falls to shard " + owner + "/" + count
                            + ", not " + shard.label() + "; expected each shard to hold its own rows");
                }
                if (merged[j] != null) {
                    throw Checks.bad("SHARD", where, "row '" + key + "' appears twice (also at " + from[j]
                            + "); expected each row once");
                }
                merged[j] = line;
                from[j] = where;
            }
        }
        List<String> missing = new ArrayList<>();
        int firstMissing = -1;
        for (int j = 0; j < merged.length; j++) {
            if (merged[j] == null) {
                if (firstMissing < 0) {
                    firstMissing = j;
                }
                missing.add(first.keys().get(j));
            }
        }
        if (!missing.isEmpty()) {
            int owner = Shard.ownerOf(firstMissing, count);
            throw Checks.bad("SHARD", byIndex.get(owner), missing.size() + " of " + merged.length + " rows missing, "
                    + "the first '" + missing.get(0) + "' of shard " + owner + "/" + count
                    + "; expected every row of the run (rerun the unfinished shards)");
        }

        StringBuilder sb = new StringBuilder(first.header()).append('\n');
        for (String line : merged) {
            sb.append(line).append('\n');
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".merge-tmp");
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("merged " + shards.size() + " shards of '" + first.command() + "' (" + merged.length
                + " rows) into " + out + (first.timing().isEmpty() ? "" : "; timing columns: " + first.timing()));
        return 0;
    }

    private static void requireSameRun(Path f, ShardPlan p, Path firstFile, ShardPlan first) {
        String why = null;
        if (!p.command().equals(first.command())) {
            why = "is a shard of '" + p.command() + "' but " + firstFile + " of '" + first.command() + "'";
        } else if (!p.header().equals(first.header())) {
            why = "has header '" + p.header() + "' but " + firstFile + " has '" + first.header() + "'";
        } else if (p.shard().count() != first.shard().count()) {
            why = "is shard " + p.shard().label() + " but " + firstFile + " is shard " + first.shard().label()
                    + " (another number of shards)";
        } else if (p.keyColumns() != first.keyColumns() || !p.timing().equals(first.timing())) {
            why = "has key or timing columns other than " + firstFile + "'s";
        } else if (!p.keys().equals(first.keys())) {
            int j = 0;
            while (j < p.keys().size() && j < first.keys().size() && p.keys().get(j).equals(first.keys().get(j))) {
                j++;
            }
            String a = j < p.keys().size() ? "'" + p.keys().get(j) + "'" : "(no row)";
            String b = j < first.keys().size() ? "'" + first.keys().get(j) + "'" : "(no row)";
            why = "was made with different settings: row " + (j + 1) + " of its run is " + a + " but in "
                    + firstFile + "'s run it is " + b;
        }
        if (why != null) {
            throw Checks.bad("SHARD", f, why + "; expected the shards of one run (same command and options)");
        }
    }
}
