package org.causalheads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code merge} refuses, with one {@code error:} line and exit code 2 and without writing its
 * output, everything that would not rebuild the unsharded file: shards of other settings, other
 * commands or another shard count, a shard given twice or missing, rows duplicated, missing or in
 * the wrong shard, damaged files, files without a plan, and an existing output unless told to
 * overwrite it. A shard file resumed with other options is refused too.
 */
class MergeRefusalTest {

    @TempDir
    Path dir;

    static final String[] SWEEP = {"sweep", "methods", "--problem", "kparent", "--T", "6", "--S", "3", "--K", "1",
            "--ns", "100,200", "--seeds", "1,2,3", "--methods", "PC-chi2,topK-MI"};

    Path merged;
    Path[] shards = new Path[4];

    @BeforeEach
    void threeShards() {
        merged = dir.resolve("merged.csv");
        for (int i = 1; i <= 3; i++) {
            assertThat(sweep(dir.resolve("a.csv"), i + "/3")).isZero();
            shards[i] = dir.resolve("a.shard-" + i + "-of-3.csv");
        }
        assertThat(merge(shards[1], shards[2], shards[3])).startsWith("ok");
        assertThat(merged).exists();
        // 3 seeds x 2 n x 2 methods = 12 rows, 4 per shard
        assertThat(lines(merged)).hasSize(13);
        assertThat(lines(shards[2])).hasSize(5);
    }

    private int sweep(Path out, String shard, String... extra) {
        List<String> args = new ArrayList<>(List.of(SWEEP));
        args.addAll(List.of(extra));
        args.addAll(List.of("--out", out.toString(), "--shard", shard));
        return ShardMergeTest.run(args.toArray(String[]::new));
    }

    /** "ok" or the error line of merging {@code files} into {@link #merged}; a refusal leaves no output. */
    private String merge(Path... files) {
        return mergeArgs(false, files);
    }

    private String mergeArgs(boolean overwrite, Path... files) {
        List<String> args = new ArrayList<>(List.of("merge", "--out", merged.toString()));
        if (overwrite) {
            args.add("--overwrite");
        }
        for (Path f : files) {
            args.add(f.toString());
        }
        StringWriter err = new StringWriter();
        int code = ShardMergeTest.run(err, args.toArray(String[]::new));
        if (code == 0) {
            return "ok";
        }
        assertThat(code).isEqualTo(2);
        String[] out = err.toString().split("\n");
        assertThat(out).hasSize(2);
        assertThat(out[0]).startsWith("error: ");
        return out[0];
    }

    private String refused(Path... files) throws Exception {
        Files.deleteIfExists(merged);
        String e = merge(files);
        assertThat(e).startsWith("error: ");
        assertThat(merged).doesNotExist();
        return e;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A copy of shard {@code i} (with its plan) under another name, to tamper with. */
    private Path copy(int i, String name) throws Exception {
        Path c = dir.resolve(name + ".shard-" + i + "-of-3.csv");
        Files.copy(shards[i], c, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(ShardPlan.fileOf(shards[i]), ShardPlan.fileOf(c), StandardCopyOption.REPLACE_EXISTING);
        return c;
    }

    @Test
    void existingOutputNeedsOverwrite() throws Exception {
        String before = Files.readString(merged);
        Files.writeString(merged, "keep me\n");
        assertThat(merge(shards[1], shards[2], shards[3])).contains("--out").contains("exists").contains("--overwrite");
        assertThat(Files.readString(merged)).isEqualTo("keep me\n");
        assertThat(mergeArgs(true, shards[1], shards[2], shards[3])).isEqualTo("ok");
        assertThat(Files.readString(merged)).isEqualTo(before);
    }

    @Test
    void shardsOfOtherSettingsAreRefused() throws Exception {
        Path b = dir.resolve("b.csv");
        assertThat(sweep(b, "3/3", "--gamma", "0.5")).isZero();
        String e = refused(shards[1], shards[2], dir.resolve("b.shard-3-of-3.csv"));
        assertThat(e).contains("b.shard-3-of-3.csv").contains("different settings").contains("gamma=0.5");
        // another epoch budget: the same rows with other settings
        Path c = dir.resolve("c.csv");
        assertThat(sweep(c, "2/3", "--max-epochs", "9")).isZero();
        assertThat(refused(shards[1], dir.resolve("c.shard-2-of-3.csv"), shards[3])).contains("different settings");
    }

    @Test
    void shardsOfAnotherCommandOrShardCountAreRefused() throws Exception {
        assertThat(ShardMergeTest.run("sweep", "--Ts", "6", "--gammas", "1.0", "--seeds", "1", "--S", "3", "--max-epochs",
                "20", "--out", dir.resolve("k.csv").toString(), "--shard", "3/3")).isZero();
        assertThat(refused(shards[1], shards[2], dir.resolve("k.shard-3-of-3.csv")))
                .contains("is a shard of 'sweep' but").contains("of 'sweep methods'");
        assertThat(sweep(dir.resolve("two.csv"), "2/2")).isZero();
        assertThat(refused(shards[1], dir.resolve("two.shard-2-of-2.csv"), shards[3])).contains("is shard 2/2 but")
                .contains("another number of shards");
    }

    @Test
    void aShardGivenTwiceOrMissingIsRefused() throws Exception {
        Path again = copy(1, "again");
        assertThat(refused(shards[1], again, shards[2], shards[3])).contains("is shard 1/3, and so is")
                .contains("expected each shard once");
        assertThat(refused(shards[1], shards[3])).contains("SHARD: 2/3: shard(s) not given").contains("all 3 shards");
    }

    @Test
    void duplicatedMissingAndMisplacedRowsAreNamed() throws Exception {
        List<String> one = lines(shards[1]);
        // a row twice in one shard
        Path dup = copy(1, "dup");
        Files.writeString(dup, String.join("\n", one) + "\n" + one.get(2) + "\n");
        String key = String.join(",", List.of(one.get(2).split(",", -1)).subList(0, 5));
        assertThat(refused(dup, shards[2], shards[3])).contains("row '" + key + "' appears twice").contains("line 6");
        // a row missing from shard 2
        List<String> two = lines(shards[2]);
        Path gap = copy(2, "gap");
        List<String> cut = new ArrayList<>(two);
        String lost = cut.remove(3);
        Files.writeString(gap, String.join("\n", cut) + "\n");
        String lostKey = String.join(",", List.of(lost.split(",", -1)).subList(0, 5));
        assertThat(refused(shards[1], gap, shards[3])).contains("1 of 12 rows missing")
                .contains("the first '" + lostKey + "' of shard 2/3");
        // a row of shard 1 put into shard 2 (and taken out of shard 1)
        Path from = copy(1, "from");
        Path to = copy(2, "to");
        List<String> fromLines = new ArrayList<>(one);
        String moved = fromLines.remove(1);
        Files.writeString(from, String.join("\n", fromLines) + "\n");
        Files.writeString(to, String.join("\n", two) + "\n" + moved + "\n");
        assertThat(refused(from, to, shards[3])).contains("falls to shard 1/3, not 2/3");
        // a row of other settings appended to a shard
        Path alien = copy(3, "alien");
        Files.writeString(alien, String.join("\n", lines(shards[3])) + "\n"
                + lines(shards[3]).get(1).replace("max-epochs=", "max-epochs=7") + "\n");
        assertThat(refused(shards[1], shards[2], alien)).contains("is not in the run's plan");
    }

    @Test
    void damagedFilesAndFilesWithoutPlansAreRefused() throws Exception {
        String text = Files.readString(shards[2]);
        Path torn = copy(2, "torn");
        Files.writeString(torn, text.substring(0, text.length() - 7));
        assertThat(refused(shards[1], torn, shards[3])).contains("torn.shard-2-of-3.csv")
                .contains("last line is not complete");
        Path middle = copy(2, "middle");
        List<String> l = new ArrayList<>(lines(shards[2]));
        l.set(2, l.get(2).substring(0, 20));
        Files.writeString(middle, String.join("\n", l) + "\n");
        assertThat(refused(shards[1], middle, shards[3])).contains("line 3 is not a complete row");
        Path header = copy(2, "header");
        Files.writeString(header, text.replaceFirst("millis", "ms"));
        assertThat(refused(shards[1], header, shards[3])).contains("header 'problem").contains("expected header");
        Path noPlan = dir.resolve("noplan.csv");
        Files.copy(shards[2], noPlan);
        assertThat(refused(shards[1], noPlan, shards[3])).contains("no such plan file");
        Path badPlan = copy(2, "badplan");
        Files.writeString(ShardPlan.fileOf(badPlan), Files.readString(ShardPlan.fileOf(shards[2])).replace("rows=12", "rows=11"));
        assertThat(refused(shards[1], badPlan, shards[3])).contains("damaged plan file");
        assertThat(refused(shards[1], dir.resolve("absent.csv"), shards[3])).contains("absent.csv: no such file");
    }

    @Test
    void aSweepListingARowTwiceIsRefused() {
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of(SWEEP));
        args.addAll(List.of("--seeds", "1", "--out", dir.resolve("d.csv").toString()));
        assertThat(ShardMergeTest.run(err, args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: --seeds --ns --methods: 'kparent").contains("occurs twice");
        assertThat(dir.resolve("d.csv")).doesNotExist();
    }

    @Test
    void aShardFileResumedWithOtherOptionsIsRefused() throws Exception {
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of(SWEEP));
        args.addAll(List.of("--max-epochs", "9", "--out", dir.resolve("a.csv").toString(), "--shard", "1/3"));
        assertThat(ShardMergeTest.run(err, args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: --out: ").contains("was started as shard 1/3")
                .contains("other options or settings");
        // the same options resume: nothing to do, the file is unchanged
        String before = Files.readString(shards[1]);
        assertThat(sweep(dir.resolve("a.csv"), "1/3")).isZero();
        assertThat(Files.readString(shards[1])).isEqualTo(before);
    }
}
