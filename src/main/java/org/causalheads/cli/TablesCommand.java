package org.causalheads.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.causalheads.dag.Dag;
import org.causalheads.info.FDivergence;
import org.causalheads.info.InfoTables;
import org.causalheads.info.KgForm;
import org.causalheads.kgmi.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tables}: population KG-MI and f-MI tables of a problem. */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = "Print the population KG-MI table of every slot and the f-MI table (rows i, columns j < i); "
                + "true parents are marked with *.")
public final class TablesCommand implements Callable<Integer> {

    @Mixin
    ProblemOptions problem;

    @Option(names = "--f", defaultValue = "KL", description = "f-divergence (default ${DEFAULT-VALUE})")
    FDivergence f;

    @Option(names = "--form", defaultValue = "VARIATIONAL", description = "VARIATIONAL or PLUG_IN (default ${DEFAULT-VALUE})")
    KgForm form;

    @Option(names = "--json", description = "print JSON instead: every value at full double precision "
            + "(shortest decimal that reads back to the same double), rows i = 1..T-1 with entries j < i")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Problem p = problem.build(0);
        InfoTables t = p.tables(f, form);
        Dag dag = p.dag();
        if (json) {
            System.out.println(json(p, t, dag));
            return 0;
        }
        System.out.println("# " + p.provenance());
        System.out.println("# " + t + "  gap " + t.gap(dag));
        for (int l = 0; l < t.slots(); l++) {
            System.out.println("\nKG-MI slot " + l + " (" + f + ", " + form + ")");
            print(t.kgmiTable(l), dag, l);
        }
        System.out.println("\nf-MI (" + f + ")");
        print(t.miTable(), dag, -1);
        return 0;
    }

    /**
     * The tables as JSON: {@code kgmi[l][i-1][j]} and {@code mi[i-1][j]} for {@code j < i}, the
     * gap per slot, the parents and the provenance. Numbers are written by {@link Double#toString}
     * (via Gson), the shortest decimal that reads back to the same {@code double}.
     */
    static String json(Problem p, InfoTables t, Dag dag) {
        JsonObject o = new JsonObject();
        o.addProperty("provenance", p.provenance().toString());
        o.addProperty("f", t.divergence().name());
        o.addProperty("form", t.form().name());
        o.addProperty("T", t.length());
        o.addProperty("slots", t.slots());
        JsonArray parents = new JsonArray();
        for (int i = 0; i < dag.size(); i++) {
            JsonArray ps = new JsonArray();
            for (int q : dag.parents(i)) {
                ps.add(q);
            }
            parents.add(ps);
        }
        o.add("parents", parents);
        JsonArray kg = new JsonArray();
        for (int l = 0; l < t.slots(); l++) {
            kg.add(lowerTriangle(t.kgmiTable(l)));
        }
        o.add("kgmi", kg);
        o.add("mi", lowerTriangle(t.miTable()));
        JsonArray gap = new JsonArray();
        for (double g : t.gap(dag).bySlot()) {
            gap.add(g);
        }
        o.add("gapBySlot", gap);
        return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o);
    }

    private static JsonArray lowerTriangle(double[][] m) {
        JsonArray rows = new JsonArray();
        for (int i = 1; i < m.length; i++) {
            JsonArray r = new JsonArray();
            for (int j = 0; j < i; j++) {
                r.add(m[i][j]);
            }
            rows.add(r);
        }
        return rows;
    }

    private static void print(double[][] m, Dag dag, int slot) {
        int tl = m.length;
        for (int i = 1; i < tl; i++) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%4d%s", i, dag.isRoot(i) ? "r" : " "));
            for (int j = 0; j < i; j++) {
                boolean mark = !dag.isRoot(i) && (slot >= 0 ? dag.parent(i, slot) == j : dag.hasEdge(j, i));
                sb.append(String.format(Locale.ROOT, " %9.5f%s", m[i][j], mark ? "*" : " "));
            }
            System.out.println(sb);
        }
    }
}
