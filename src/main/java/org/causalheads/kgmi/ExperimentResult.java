package org.causalheads.kgmi;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.causalheads.attention.History;
import org.causalheads.attention.AscentResult;
import org.causalheads.dag.Dag;
import org.causalheads.dag.Scores;
import org.causalheads.info.Gap;
import org.causalheads.info.InfoTables;

/**
 * The result of one {@link Experiment}.
 *
 * @param stopEpoch     first epoch at which the stopping rule held; empty if it never did
 * @param epochsRun     gradient steps taken
 * @param gap           population gap Δ of the trained objective's values (per node and slot)
 * @param epsilon       estimation error ε = max |V̂ - V| (empty when trained on population values)
 * @param truth         the true DAG
 * @param estimate      the read-out DAG
 * @param scores        recovery scores of {@code estimate} against {@code truth}, with head collapse
 * @param run           the full run (attention, history, per-head picks)
 * @param tables        the value tables that were trained on
 * @param seconds       wall-clock time of tables + training
 * @param provenance    every parameter and seed
 */
public record ExperimentResult(OptionalInt stopEpoch, int epochsRun, Gap gap, OptionalDouble epsilon,
                               Dag truth, Dag estimate, Scores scores, AscentResult run, InfoTables tables,
                               double seconds, Provenance provenance) {

    /** {@code Δ = min} of the population gap. */
    public double delta() {
        return gap.min();
    }

    /** Per-head parent picks {@code [i][l]}, every node but 0 (see {@link AscentResult#picks()}). */
    public int[][] picks() {
        return run.picks();
    }

    public History history() {
        return run.history();
    }

    /** The stopping epoch as text ({@link AscentResult#stopText()}). */
    public String stopText() {
        return run.stopText();
    }

    /** A JSON summary (no history): stopping epoch, Δ, ε, F1, SHD, collapse, picks, provenance. */
    public String toJson() {
        JsonObject o = new JsonObject();
        if (stopEpoch.isPresent()) {
            o.addProperty("stopEpoch", stopEpoch.getAsInt());
        } else {
            o.add("stopEpoch", com.google.gson.JsonNull.INSTANCE);
        }
        o.addProperty("stopped", stopEpoch.isPresent());
        o.addProperty("epochsRun", epochsRun);
        o.addProperty("delta", finite(gap.min()));
        o.addProperty("nonPositiveGapSlots", gap.nonPositiveSlots());
        if (epsilon.isPresent()) {
            o.addProperty("epsilon", epsilon.getAsDouble());
        } else {
            o.add("epsilon", com.google.gson.JsonNull.INSTANCE);
        }
        o.addProperty("f1", scores.f1());
        o.addProperty("shd", scores.shd());
        o.addProperty("precision", scores.precision());
        o.addProperty("recall", scores.recall());
        o.addProperty("headCollapseRate", finite(scores.headCollapseRate()));
        o.addProperty("seconds", seconds);
        JsonArray picks = new JsonArray();
        for (int[] row : run.picks()) {
            JsonArray r = new JsonArray();
            for (int p : row) {
                r.add(p);
            }
            picks.add(row.length == 0 ? com.google.gson.JsonNull.INSTANCE : r);
        }
        o.add("picks", picks);
        JsonObject prov = new JsonObject();
        prov.addProperty("kind", provenance.kind());
        provenance.parameters().forEach(prov::addProperty);
        o.add("provenance", prov);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues().create().toJson(o);
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
