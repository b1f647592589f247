package org.causalheads.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny runs of the in-context commands: what they print and write, and resuming. */
class IncontextCommandsTest {

    @TempDir
    Path dir;

    /** Exit code and standard output/error of one command run. */
    private record Run(int code, String out, String err) {
    }

    /** Runs the command line as {@link Main#main} does, capturing what it prints. */
    private static Run run(String... args) {
        CommandLineCapture.Result r = CommandLineCapture.run(args);
        return new Run(r.code(), r.out(), r.err() + r.picoErr());
    }

    @Test
    void incontextPrintsAJsonResultOfTheRun() {
        Run r = run("incontext", "--task", "chain", "-S", "3", "-T", "6", "--steps", "30", "--batch", "16");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(json.get("task").getAsString()).isEqualTo("chain");
        assertThat(json.get("S").getAsInt()).isEqualTo(3);
        assertThat(json.get("T").getAsInt()).isEqualTo(6);
        assertThat(json.get("steps").getAsInt()).isEqualTo(30);
        assertThat(json.get("batch").getAsInt()).isEqualTo(16);
        double uniform = json.get("uniformLoss").getAsDouble();
        assertThat(uniform).isCloseTo(Math.log(3), within(1e-12));
        assertThat(json.get("bayesLoss").getAsDouble()).isLessThan(uniform);
        assertThat(json.get("finalLoss").getAsDouble()).isPositive().isLessThan(10 * uniform);
        for (String key : new String[] {"meanParentAttention", "parentRecovery", "positionBlockParentAttention",
                "queryTargetShare", "queryInductionScore", "allRowsInductionScore"}) {
            assertThat(json.get(key).getAsDouble()).as(key).isBetween(0.0, 1.0);
        }
        assertThat(json.getAsJsonArray("layer1Argmax")).hasSize(6);
        var parents = json.getAsJsonArray("trueParent");
        assertThat(parents).hasSize(6);
        assertThat(parents.get(0).getAsInt()).isEqualTo(-1);
        assertThat(parents.get(3).getAsInt()).isEqualTo(2);
        assertThat(parents.get(5).getAsInt()).as("the query has no parent").isEqualTo(-1);
        JsonObject prov = json.getAsJsonObject("provenance");
        assertThat(prov.get("optimiser").getAsString()).as("notebook 05's rate").startsWith("SGD(lr=12.0,");
        assertThat(prov.get("seed").getAsLong()).isEqualTo(1);
    }

    @Test
    void incontextDefaultRateFollowsTheOptimizer() {
        Run r = run("incontext", "--task", "dag", "-S", "3", "-T", "6", "--heads", "2,1", "--optimiser", "adamw",
                "--init-scale", "1e-4", "--steps", "5", "--batch", "8");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(json.getAsJsonObject("provenance").get("optimiser").getAsString()).startsWith("ADAMW(lr=0.01,");
        assertThat(json.getAsJsonArray("heads").get(0).getAsInt()).isEqualTo(2);
    }

    @Test
    void incontextRejectsAnUnknownTaskNamingIt() {
        Run r = run("incontext", "--task", "ring", "--steps", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --task: ring: ").contains("chain");
    }

    @Test
    void incontextPaperWritesOneRowPerGraphAndResumesWithoutDuplicates() throws Exception {
        Path out = dir.resolve("paper");
        String[] args = {"incontext-paper", "--graphs", "2", "-S", "3", "-T", "6", "--steps", "4", "--batch", "8",
            "--out", out.toString()};
        Run first = run(args);
        assertThat(first.code()).as(first.err()).isZero();
        Path results = out.resolve("trees_results.csv");
        List<String> rows = Files.readAllLines(results);
        String header = IncontextPaperCommand.RESULT_HEADER;
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(header);
        int columns = header.split(",").length;
        int graph = IncontextPaperCommand.column(header, "graph");
        int steps = IncontextPaperCommand.column(header, "steps");
        int block = IncontextPaperCommand.column(header, IncontextPaperCommand.POSITION_BLOCK_COLUMN);
        for (int g = 0; g < 2; g++) {
            String[] f = rows.get(g + 1).split(",", -1);
            assertThat(f).as("row %d", g).hasSize(columns);
            assertThat(f[graph]).isEqualTo(Integer.toString(g));
            assertThat(f[steps]).isEqualTo("4");
            assertThat(Double.parseDouble(f[block])).isBetween(0.0, 1.0);
            assertThat(out.resolve(String.format("trees/graph_%02d_result.csv", g))).exists();
            List<String> loss = Files.readAllLines(out.resolve(String.format("trees/graph_%02d_loss.csv", g)));
            assertThat(loss.get(0)).startsWith("step,");
            assertThat(loss.size()).as("one line per evaluation after the header").isGreaterThan(2);
        }
        // the printed summary is the mean of the position-block column
        double mean = (Double.parseDouble(rows.get(1).split(",")[block]) + Double.parseDouble(rows.get(2).split(",")[block])) / 2;
        assertThat(first.out()).contains(String.format(Locale.ROOT, "2 graphs: mean attention on the true parent (position block) %.3f", mean));

        // interrupted before graph 1 finished: only graph 1 is trained again, graph 0 is read back
        Files.delete(out.resolve("trees/graph_01_result.csv"));
        Run second = run(args);
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.err()).contains("graph 0:").contains("skipped").doesNotContain("graph 1: " + out);
        List<String> again = Files.readAllLines(results);
        assertThat(again).hasSize(3);
        assertThat(again.get(1)).as("graph 0 not retrained (its wall time is unchanged)").isEqualTo(rows.get(1));
        assertThat(again.get(2).split(",")[graph]).isEqualTo("1");

        // a larger run over the same directory adds only the new graph
        String[] three = args.clone();
        three[2] = "3";
        Run third = run(three);
        assertThat(third.code()).as(third.err()).isZero();
        List<String> all = Files.readAllLines(results);
        assertThat(all).hasSize(4);
        assertThat(all.subList(1, 3)).isEqualTo(again.subList(1, 3));
        List<String> graphs = new ArrayList<>();
        for (String row : all.subList(1, all.size())) {
            graphs.add(row.split(",")[graph]);
        }
        assertThat(graphs).containsExactly("0", "1", "2");
    }

    @Test
    void incontextSaveDirKeepsTheModelAlongTheRun() throws Exception {
        Path out = dir.resolve("saved");
        Run r = run("incontext", "--task", "chain", "-S", "3", "-T", "6", "--steps", "4", "--batch", "8", "--save-every", "2",
                "--save-dir", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        for (int step : new int[] {0, 2, 4}) {
            assertThat(out.resolve(String.format("model_step_%06d.csv", step))).exists();
        }
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("result.json"))).getAsJsonObject();
        double[] theta = Files.readAllLines(out.resolve("model_step_000004.csv")).stream().skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        double[] start = Files.readAllLines(out.resolve("model_step_000000.csv")).stream().skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        assertThat(Arrays.stream(start).allMatch(v -> v == 0)).as("zero initialisation").isTrue();
        var model = org.causalheads.incontext.Transformer.zeros(3, 6, 1, 1);
        model.setParameters(theta);
        var eval = org.causalheads.incontext.InContextTree.chain(3, 6).sample(
                org.causalheads.incontext.TransformerTrainer.DEFAULT_EVAL_SIZE, org.causalheads.incontext.TransformerTrainer.DEFAULT_EVAL_SEED);
        assertThat(model.loss(eval)).as("the last saved model is the trained one").isCloseTo(json.get("finalLoss").getAsDouble(), within(1e-12));
        Run bad = run("incontext", "--steps", "4", "--save-every", "2");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--save-every").contains("--save-dir");
    }

    @Test
    void incontextPaperSavesModelsThatReproduceTheReportedLoss() throws Exception {
        Path out = dir.resolve("models");
        Run r = run("incontext-paper", "--graphs", "1", "-S", "3", "-T", "6", "--steps", "6", "--batch", "8",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("trees/graph_00_model.csv"));
        assertThat(lines.get(0)).isEqualTo("index,value");
        double[] theta = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        org.causalheads.incontext.InContextTree task = org.causalheads.incontext.InContextTree.randomTree(3, 6, 0.5, 1);
        org.causalheads.incontext.Transformer model = org.causalheads.incontext.Transformer.zeros(3, 6, 1, 1);
        assertThat(theta).hasSize(model.parameterCount());
        assertThat(java.util.Arrays.stream(theta).anyMatch(v -> v != 0)).as("trained, not the zero start").isTrue();
        model.setParameters(theta);
        String header = IncontextPaperCommand.RESULT_HEADER;
        String[] row = Files.readAllLines(out.resolve("trees_results.csv")).get(1).split(",", -1);
        double reported = Double.parseDouble(row[IncontextPaperCommand.column(header, "final_loss")]);
        var eval = task.sample(org.causalheads.incontext.TransformerTrainer.DEFAULT_EVAL_SIZE,
                org.causalheads.incontext.TransformerTrainer.DEFAULT_EVAL_SEED);
        assertThat(model.loss(eval)).isCloseTo(reported, within(1e-6));
        assertThat(task.bayesLoss(eval)).isCloseTo(Double.parseDouble(row[IncontextPaperCommand.column(header, "bayes_loss")]),
                within(1e-6));
    }

    @Test
    void incontextPaperBayesOnlyWritesBothBaselinesPerGraph() throws Exception {
        Path out = dir.resolve("bayes");
        Run r = run("incontext-paper", "--bayes-only", "--bayes-draws", "40", "--graphs", "2", "-S", "3", "-T", "8",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve(IncontextPaperCommand.BAYES_FILE));
        assertThat(rows).hasSize(3);
        String header = rows.get(0);
        assertThat(header).isEqualTo(IncontextPaperCommand.BAYES_HEADER);
        assertThat(out.resolve("trees")).as("nothing trained").doesNotExist();
        for (int g = 0; g < 2; g++) {
            String[] f = rows.get(g + 1).split(",", -1);
            var task = org.causalheads.incontext.InContextTree.randomTree(3, 8, 0.5, 1 + g);
            var eval = task.sample(org.causalheads.incontext.TransformerTrainer.DEFAULT_EVAL_SIZE,
                    org.causalheads.incontext.TransformerTrainer.DEFAULT_EVAL_SEED);
            // the context-transition column is the training run's reported Bayes loss on the same batch
            double context = Double.parseDouble(f[IncontextPaperCommand.column(header, "context_bayes_loss")]);
            assertThat(context).isCloseTo(task.bayesLoss(eval), within(1e-6));
            double posterior = Double.parseDouble(f[IncontextPaperCommand.column(header, "posterior_bayes_loss")]);
            double diff = Double.parseDouble(f[IncontextPaperCommand.column(header, "difference")]);
            assertThat(diff).isCloseTo(posterior - context, within(2e-6));
            assertThat(Double.parseDouble(f[IncontextPaperCommand.column(header, "min_ess")])).isBetween(1.0, 40.0);
            assertThat(f[IncontextPaperCommand.column(header, "draws")]).isEqualTo("40");
        }
        Run shard = run("incontext-paper", "--bayes-only", "--shard", "1/2", "--out", out.toString());
        assertThat(shard.code()).isEqualTo(2);
        assertThat(shard.err()).contains("--shard").contains("--bayes-only");
        Run draws = run("incontext-paper", "--bayes-only", "--bayes-draws", "0", "--out", out.toString());
        assertThat(draws.code()).isEqualTo(2);
        assertThat(draws.err()).contains("--bayes-draws");
    }

    @Test
    void incontextPaperRefusesAResultFileWithAnotherHeader() throws Exception {
        Path out = dir.resolve("old");
        Files.createDirectories(out.resolve("trees"));
        Files.writeString(out.resolve("trees/graph_00_result.csv"), "graph,loss\n0,1.0\n");
        Run r = run("incontext-paper", "--graphs", "1", "-S", "3", "-T", "6", "--steps", "2", "--batch", "4",
                "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("graph_00_result.csv").contains("'graph,loss'");
    }

    @Test
    void benchIncontextPrintsItsThroughputFigures() {
        Run r = run("bench-incontext", "-S", "3", "-T", "6", "--batch", "8", "--steps", "3", "--warmup", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("bench-incontext: chain S=3 T=6 heads=[1, 1] batch=8");
        Matcher sampling = Pattern.compile("sampling only \\(1 thread\\): (\\d+) sequences/s \\(160 sequences\\)")
                .matcher(r.out());
        assertThat(sampling.find()).as(r.out()).isTrue();
        assertThat(Long.parseLong(sampling.group(1))).isPositive();
        Matcher timed = Pattern.compile("threads=(\\d): ([0-9.]+) steps/s, (\\d+) sequences/s \\(3 steps in ([0-9.]+) s")
                .matcher(r.out());
        List<Integer> threads = new ArrayList<>();
        while (timed.find()) {
            threads.add(Integer.parseInt(timed.group(1)));
            double stepsPerSecond = Double.parseDouble(timed.group(2));
            assertThat(stepsPerSecond).isPositive();
            assertThat(Double.parseDouble(timed.group(3))).isCloseTo(8 * stepsPerSecond, within(1.0));
        }
        int expected = Math.min(2, Runtime.getRuntime().availableProcessors());
        assertThat(threads).as(r.out()).containsExactlyElementsOf(
                Arrays.asList(1, 2).subList(0, expected));
    }
}
