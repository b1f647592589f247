package org.causalheads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.causalheads.amortised.ZeroShotRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code amortised} command on a tiny run (d = 4, a few training domains and steps): its rows,
 * resuming after a torn tail, shards merged into the unsharded file, and refusals.
 */
class AmortisedCommandTest {

    static final String[] TINY = {"amortised", "--d", "4", "--ns", "8,20", "--test-domains", "2", "--train-domains", "6",
            "--steps", "30"};

    @TempDir
    Path dir;

    private static String[] with(String[] base, String... more) {
        return Stream.concat(Arrays.stream(base), Arrays.stream(more)).toArray(String[]::new);
    }

    /** The lines of a CSV with the timing column (the last) removed. */
    private static List<String> withoutTiming(Path f) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            out.add(line.substring(0, line.lastIndexOf(',')));
        }
        return out;
    }

    @Test
    void writesOneRowPerSettingSizeDomainAndMethodAndResumesAfterATornTail() throws Exception {
        Path full = dir.resolve("full.csv");
        CommandLineCapture.Result r = CommandLineCapture.run(with(TINY, "--out", full.toString()));
        assertThat(r.code()).as(r.err() + r.picoErr()).isZero();
        assertThat(r.err()).contains("wrote " + full).contains("84 new rows");
        List<ZeroShotRow> rows = ZeroShotRow.read(full);
        // 3 settings x 2 sizes x 2 domains x 7 methods, settings a, b and c with their default seeds
        assertThat(rows).hasSize(84);
        assertThat(rows.stream().map(ZeroShotRow::setting).distinct()).containsExactly("a", "b", "c");
        assertThat(rows.stream().map(ZeroShotRow::seed).distinct()).containsExactly(3L, 4L, 5L);
        assertThat(rows.stream().map(ZeroShotRow::method).distinct())
                .containsExactly("amortised", "NOTEARS", "empty graph", "sort by variance", "PC", "FGES", "BOSS");
        assertThat(rows).allMatch(x -> x.data().equals("raw") && x.d() == 4 && x.settings().contains("steps=30"));

        // cut the file inside its 11th row, as a kill would: the rerun repairs the tail and redoes the rest
        Path cut = dir.resolve("cut.csv");
        byte[] all = Files.readAllBytes(full);
        int at = 0;
        for (int lines = 0; lines < 11; at++) {
            if (all[at] == '\n') {
                lines++;
            }
        }
        Files.write(cut, Arrays.copyOf(all, at + 30));
        CommandLineCapture.Result again = CommandLineCapture.run(with(TINY, "--out", cut.toString()));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("repaired").contains("10 already present");
        assertThat(withoutTiming(cut)).isEqualTo(withoutTiming(full));

        // a finished file: the same command adds nothing
        CommandLineCapture.Result none = CommandLineCapture.run(with(TINY, "--out", cut.toString()));
        assertThat(none.err()).contains("0 new rows, 84 already present");
        // other settings add their own rows instead of reusing these
        CommandLineCapture.Result other = CommandLineCapture.run(with(TINY, "--out", cut.toString(), "--standardise",
                "--settings", "a", "--methods", "sort by variance,empty graph"));
        assertThat(other.code()).as(other.err()).isZero();
        assertThat(other.err()).contains("8 new rows, 0 already present");
    }

    @Test
    void aCapLimitsAMethodToTheFirstDomainsAddedMethodsComputeOnlyTheirRowsAndEveryFamilyLeavesATimeAndMemoryLine()
            throws Exception {
        Path f = dir.resolve("capped.csv");
        String[] args = with(TINY, "--settings", "c", "--out", f.toString(), "--cap", "NOTEARS=1", "--batch", "4");
        CommandLineCapture.Result r = CommandLineCapture.run(with(args, "--methods", "amortised,NOTEARS"));
        assertThat(r.code()).as(r.err() + r.picoErr()).isZero();
        List<ZeroShotRow> rows = ZeroShotRow.read(f);
        // 2 sizes x (2 domains of the model + 1 of NOTEARS)
        assertThat(rows).hasSize(6);
        assertThat(rows.stream().filter(x -> x.method().equals("NOTEARS"))).hasSize(2).allMatch(x -> x.domain() == 0);
        assertThat(rows).allMatch(x -> x.setting().equals("c") && x.seed() == 5 && x.settings().contains("batch=4"));
        Path runs = dir.resolve("capped.runs.csv");
        List<String> lines = Files.readAllLines(runs, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(String.join(",", RunFootprint.HEADER));
        assertThat(lines).hasSize(2);
        String[] c = lines.get(1).split(",", -1);
        assertThat(c).hasSize(RunFootprint.HEADER.size());
        assertThat(c[1]).isEqualTo("c");
        assertThat(Double.parseDouble(c[7])).as("training seconds").isPositive();
        assertThat(c[8]).isEqualTo("6");
        assertThat(Double.parseDouble(c[10])).as("peak heap MB").isPositive();

        // adding a method computes its rows only, and needs no model: the new line has no training time
        CommandLineCapture.Result more = CommandLineCapture.run(with(args, "--methods", "amortised,NOTEARS,sort by variance"));
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.err()).contains("4 new rows, 6 already present");
        lines = Files.readAllLines(runs, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        String[] d = lines.get(2).split(",", -1);
        assertThat(Double.parseDouble(d[7])).isZero();
        assertThat(d[8]).isEqualTo("4");
        // nothing left to do: no new line
        assertThat(CommandLineCapture.run(with(args, "--methods", "amortised,sort by variance")).err()).contains("0 new rows");
        assertThat(Files.readAllLines(runs, StandardCharsets.UTF_8)).hasSize(3);
    }

    @Test
    void addingTetradsMethodsToAnOlderFileUpgradesItAndComputesOnlyTheirRows() throws Exception {
        String weighted = "amortised,NOTEARS,empty graph,sort by variance";
        Path f = dir.resolve("older.csv");
        assertThat(CommandLineCapture.run(with(TINY, "--settings", "a,b", "--out", f.toString(), "--methods", weighted)).code()).isZero();
        List<ZeroShotRow> first = ZeroShotRow.read(f);
        // rewrite it in the older layout (no skeleton or failure cells), as the committed files are
        int from = ZeroShotRow.HEADER.indexOf("skeleton_shd"), to = ZeroShotRow.HEADER.indexOf("millis");
        StringBuilder sb = new StringBuilder(String.join(",", ZeroShotRow.OLD_HEADER)).append('\n');
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8).subList(1, first.size() + 1)) {
            List<String> c = new ArrayList<>(List.of(line.split(",", -1)));
            c.subList(from, to).clear();
            sb.append(String.join(",", c)).append('\n');
        }
        Files.writeString(f, sb, StandardCharsets.UTF_8);
        CommandLineCapture.Result more = CommandLineCapture.run(with(TINY, "--settings", "a,b", "--out", f.toString()));
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.err()).contains("upgraded " + f).contains("24 new rows, 32 already present");
        List<ZeroShotRow> all = ZeroShotRow.read(f);
        assertThat(all).hasSize(56);
        for (int i = 0; i < first.size(); i++) {
            assertThat(all.get(i).key()).isEqualTo(first.get(i).key());
            assertThat(all.get(i).shd()).isEqualTo(first.get(i).shd());
            assertThat(all.get(i).skeletonF1()).isNaN();
        }
        assertThat(all.subList(32, 56)).allMatch(r -> List.of("PC", "FGES", "BOSS").contains(r.method()) && !r.failed()
                && r.skeletonF1() >= 0 && r.settings().contains(" tetrad="));
    }

    @Test
    void threeShardsMergeIntoTheUnshardedFile() throws Exception {
        String[] args = with(TINY, "--settings", "b", "--seeds", "5,6", "--methods", "amortised,sort by variance,empty graph");
        Path full = dir.resolve("full.csv");
        assertThat(CommandLineCapture.run(with(args, "--out", full.toString())).code()).isZero();
        Path part = dir.resolve("part.csv");
        List<String> shards = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            CommandLineCapture.Result s = CommandLineCapture.run(with(args, "--out", part.toString(), "--shard", i + "/3"));
            assertThat(s.code()).as(s.err()).isZero();
            shards.add(dir.resolve("part.shard-" + i + "-of-3.csv").toString());
        }
        Path merged = dir.resolve("merged.csv");
        List<String> mergeArgs = new ArrayList<>(List.of("merge", "--out", merged.toString()));
        mergeArgs.addAll(List.of(shards.get(2), shards.get(0), shards.get(1)));
        CommandLineCapture.Result m = CommandLineCapture.run(mergeArgs.toArray(String[]::new));
        assertThat(m.code()).as(m.err()).isZero();
        assertThat(withoutTiming(merged)).isEqualTo(withoutTiming(full));

        // a shard of a run with other settings is refused by merge, naming it
        Path odd = dir.resolve("odd.csv");
        assertThat(CommandLineCapture.run(with(args, "--out", odd.toString(), "--train-seed", "9", "--shard", "2/3")).code()).isZero();
        CommandLineCapture.Result refused = CommandLineCapture.run("merge", "--out", dir.resolve("m2.csv").toString(),
                shards.get(0), dir.resolve("odd.shard-2-of-3.csv").toString(), shards.get(2));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.picoErr() + refused.err()).contains("odd.shard-2-of-3.csv");
        // and resuming a shard file with other settings is refused too
        CommandLineCapture.Result resumed = CommandLineCapture.run(with(args, "--out", part.toString(), "--train-seed", "9",
                "--shard", "1/3"));
        assertThat(resumed.code()).isEqualTo(2);
        assertThat(resumed.picoErr() + resumed.err()).contains("part.shard-1-of-3.csv").contains("other options or settings");
    }

    @Test
    void badValuesAreOneErrorLineNamingThem() {
        String out = dir.resolve("x.csv").toString();
        String[][] cases = {
            {"--settings", "d"}, {"--passes", "3"}, {"--batch", "0"}, {"--cap", "NOTEARS=-1"}, {"--cap", "NOPE=2"}, {"--ns", "8,0"}, {"--methods", "GES"}, {"--d", "1"},
            {"--test-domains", "0"}, {"--er-k", "5"}, {"--shard", "4/3"}, {"--standardise", "--ns", "1"},
        };
        for (String[] c : cases) {
            CommandLineCapture.Result r = CommandLineCapture.run(with(with(TINY, "--out", out), c));
            String err = r.picoErr() + r.err();
            assertThat(r.code()).as(String.join(" ", c)).isEqualTo(2);
            String[] lines = err.strip().split("\n");
            assertThat(lines[0]).startsWith("error: ").contains(c[0].equals("--standardise") ? "--ns" : c[0]);
            assertThat(lines).hasSize(2);
        }
    }
}
