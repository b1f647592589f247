package org.causalheads.cli;

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

    @Override
    public Integer call() throws Exception {
        Problem p = problem.build();
        InfoTables t = p.tables(f, form);
        Dag dag = p.dag();
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
