package org.causalheads.kgmi;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.causalheads.dag.Dag;
import org.causalheads.markov.Kernel;
import org.causalheads.markov.MtdProcess;

/**
 * JSON spec of a {@link Problem}, read and written with Gson:
 * <pre>
 * {"S": 5, "K": 2,
 *  "lambda": [0.5, 0.5],
 *  "mu": [0.2, 0.2, 0.2, 0.2, 0.2],
 *  "kernels": [[[...S values...], ...S rows...], ...K kernels...],
 *  "parents": [null, null, [0, 1], [2, 0], ...],
 *  "provenance": "problem{...}"}
 * </pre>
 * {@code kernels[l][s]} is the row {@code κ_l(· | s)}; {@code parents[i]} is {@code null} for a
 * root or the ordered slot list of node {@code i}; T is the length of {@code parents}. {@code mu}
 * is optional (default: the stationary distribution of {@code kernels[0]}); {@code provenance} is
 * optional and informative only; any other field (a misspelling such as {@code "Mu"}, or
 * {@code "T"}) is refused. Doubles are written in shortest round-trip form, so a written
 * spec reads back to an identical problem. A malformed spec raises
 * {@link IllegalArgumentException} naming the field, the value and what was expected.
 */
public final class ProblemSpec {

    private static final Gson GSON = new Gson();

    /** The fields a spec may have; any other is refused, so a misspelled optional field is not ignored. */
    static final List<String> FIELDS = List.of("S", "K", "lambda", "mu", "kernels", "parents", "provenance");

    private ProblemSpec() {
    }

    /** Reads a spec file. */
    public static Problem read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Writes a spec file (creating parent directories). */
    public static void write(Problem p, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, toJson(p), StandardCharsets.UTF_8);
    }

    /** The spec of a problem as JSON text (one kernel row per line). */
    public static String toJson(Problem p) {
        MtdProcess proc = p.process();
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"S\": ").append(proc.states()).append(",\n");
        sb.append("  \"K\": ").append(proc.slots()).append(",\n");
        sb.append("  \"lambda\": ").append(GSON.toJson(proc.lambda())).append(",\n");
        sb.append("  \"mu\": ").append(GSON.toJson(proc.mu())).append(",\n");
        sb.append("  \"kernels\": [\n");
        for (int l = 0; l < proc.slots(); l++) {
            sb.append("    [\n");
            double[][] rows = proc.kernel(l).toArray();
            for (int a = 0; a < rows.length; a++) {
                sb.append("      ").append(GSON.toJson(rows[a])).append(a + 1 < rows.length ? ",\n" : "\n");
            }
            sb.append("    ]").append(l + 1 < proc.slots() ? ",\n" : "\n");
        }
        sb.append("  ],\n");
        sb.append("  \"parents\": [");
        Dag dag = proc.dag();
        for (int i = 0; i < dag.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(dag.isRoot(i) ? "null" : GSON.toJson(dag.parents(i)));
        }
        sb.append("],\n");
        sb.append("  \"provenance\": ").append(GSON.toJson(p.provenance().toString())).append('\n');
        return sb.append("}\n").toString();
    }

    /**
     * Parses a spec.
     *
     * @throws IllegalArgumentException naming the offending field and value
     */
    public static Problem parse(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            String why = String.valueOf(e.getMessage()).replaceFirst("^[\\w.$]+(Exception|Error): ", "");
            throw new IllegalArgumentException("spec is not valid JSON (" + why + "); expected a JSON object", e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("spec must be a JSON object, got " + abbreviate(root));
        }
        JsonObject o = root.getAsJsonObject();
        for (String key : o.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException("field \"" + key + "\" is unknown; expected only " + FIELDS
                        + " (names are case-sensitive; T is the length of \"parents\")");
            }
        }
        int s = intField(o, "S");
        if (s < 2 || s > 127) {
            throw new IllegalArgumentException("field \"S\" = " + s + "; expected 2 <= S <= 127");
        }
        int k = intField(o, "K");
        if (k < 1) {
            throw new IllegalArgumentException("field \"K\" = " + k + "; expected K >= 1");
        }
        double[] lambda = vector(require(o, "lambda"), "lambda");
        if (lambda.length != k) {
            throw new IllegalArgumentException("field \"lambda\" has " + lambda.length + " weights; expected K = " + k);
        }
        JsonElement ks = require(o, "kernels");
        if (!ks.isJsonArray() || ks.getAsJsonArray().size() != k) {
            throw new IllegalArgumentException("field \"kernels\" = " + abbreviate(ks) + "; expected an array of K = " + k
                    + " matrices, each " + s + "×" + s);
        }
        List<Kernel> kernels = new ArrayList<>();
        for (int l = 0; l < k; l++) {
            String name = "kernels[" + l + "]";
            JsonElement m = ks.getAsJsonArray().get(l);
            if (!m.isJsonArray() || m.getAsJsonArray().size() != s) {
                throw new IllegalArgumentException("field \"" + name + "\" = " + abbreviate(m) + "; expected " + s + " rows of "
                        + s + " probabilities");
            }
            double[][] rows = new double[s][];
            for (int a = 0; a < s; a++) {
                rows[a] = vector(m.getAsJsonArray().get(a), name + "[" + a + "]");
                if (rows[a].length != s) {
                    throw new IllegalArgumentException("field \"" + name + "[" + a + "]\" has " + rows[a].length
                            + " entries; expected S = " + s);
                }
            }
            kernels.add(Kernel.of(rows, "field \"" + name + "\""));
        }
        JsonElement ps = require(o, "parents");
        if (!ps.isJsonArray()) {
            throw new IllegalArgumentException("field \"parents\" = " + abbreviate(ps)
                    + "; expected an array with null (root) or a parent list per position");
        }
        JsonArray pa = ps.getAsJsonArray();
        int[][] parents = new int[pa.size()][];
        for (int i = 0; i < pa.size(); i++) {
            JsonElement e = pa.get(i);
            if (e.isJsonNull()) {
                parents[i] = new int[0];
                continue;
            }
            if (!e.isJsonArray()) {
                throw new IllegalArgumentException("field \"parents[" + i + "]\" = " + abbreviate(e)
                        + "; expected null (root) or a list of earlier positions");
            }
            JsonArray row = e.getAsJsonArray();
            parents[i] = new int[row.size()];
            for (int q = 0; q < row.size(); q++) {
                parents[i][q] = integer(row.get(q), "parents[" + i + "][" + q + "]");
            }
        }
        Dag dag;
        try {
            dag = Dag.of(parents);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("field \"parents\": " + ex.getMessage(), ex);
        }
        MtdProcess proc;
        try {
            if (o.has("mu") && !o.get("mu").isJsonNull()) {
                double[] mu = vector(o.get("mu"), "mu");
                proc = MtdProcess.of(dag, lambda, kernels, mu);
            } else {
                proc = MtdProcess.of(dag, lambda, kernels);
            }
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("spec: " + ex.getMessage(), ex);
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("source", "spec");
        if (o.has("provenance") && o.get("provenance").isJsonPrimitive()) {
            prov.put("origin", o.get("provenance").getAsString());
        }
        return Problem.of(proc, new Provenance("problem", prov));
    }

    private static JsonElement require(JsonObject o, String field) {
        if (!o.has(field) || o.get(field).isJsonNull()) {
            throw new IllegalArgumentException("spec is missing field \"" + field + "\"");
        }
        return o.get(field);
    }

    private static int intField(JsonObject o, String field) {
        return integer(require(o, field), field);
    }

    private static int integer(JsonElement e, String field) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double d = e.getAsDouble();
            if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw new IllegalArgumentException("field \"" + field + "\" = " + abbreviate(e) + "; expected an integer");
    }

    private static double[] vector(JsonElement e, String field) {
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("field \"" + field + "\" = " + abbreviate(e) + "; expected an array of numbers");
        }
        JsonArray a = e.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int q = 0; q < v.length; q++) {
            JsonElement x = a.get(q);
            if (!(x instanceof JsonPrimitive p) || !p.isNumber()) {
                throw new IllegalArgumentException("field \"" + field + "[" + q + "]\" = " + abbreviate(x) + "; expected a number");
            }
            v[q] = x.getAsDouble();
        }
        return v;
    }

    private static String abbreviate(JsonElement e) {
        String s = String.valueOf(e);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
