package org.causalheads.bn;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes discrete Bayesian networks as BIF text in bnlearn's layout: the network block, the
 * variables in declaration order, then one probability block per variable in the same order, with
 * explicit rows. Numbers are written in the shortest decimal form that reads back to the same
 * {@code double}, so {@code BifReader.read(BifWriter.write(net)).equals(net)}.
 */
public final class BifWriter {

    private BifWriter() {
    }

    /** Writes a network as BIF text. */
    public static String write(BayesNet net) {
        return write(net, "");
    }

    /**
     * Writes a network as BIF text, preceded by {@code comment} as {@code //} comment lines (for
     * provenance: where the tables come from). An empty comment writes none.
     */
    public static String write(BayesNet net, String comment) {
        StringBuilder sb = new StringBuilder();
        if (comment != null && !comment.isEmpty()) {
            for (String line : comment.split("\\R", -1)) {
                sb.append("//").append(line.isEmpty() ? "" : " " + line).append('\n');
            }
        }
        String name = net.name();
        sb.append("network ").append(isWord(name) ? name : "\"" + name + "\"").append(" {\n");
        for (String p : net.properties()) {
            sb.append("  property ").append(p).append(" ;\n");
        }
        sb.append("}\n");
        int[] order = net.declarationOrder();
        for (int i : order) {
            Variable v = net.variable(i);
            sb.append("variable ").append(v.name()).append(" {\n");
            sb.append("  type discrete [ ").append(v.size()).append(" ] { ")
                    .append(String.join(", ", v.states())).append(" };\n");
            for (String p : net.variableProperties(i)) {
                sb.append("  property ").append(p).append(" ;\n");
            }
            sb.append("}\n");
        }
        for (int i : order) {
            Variable v = net.variable(i);
            int[] p = net.parents(i);
            double[][] cpt = net.cpt(i);
            sb.append("probability ( ").append(v.name());
            for (int m = 0; m < p.length; m++) {
                sb.append(m == 0 ? " | " : ", ").append(net.variable(p[m]).name());
            }
            sb.append(" ) {\n");
            if (p.length == 0) {
                sb.append("  table ");
                appendNumbers(sb, cpt[0]);
                sb.append(";\n");
            } else {
                int[] a = new int[p.length];
                for (int c = 0; c < cpt.length; c++) {
                    int rem = c;
                    for (int m = p.length - 1; m >= 0; m--) {
                        int card = net.variable(p[m]).size();
                        a[m] = rem % card;
                        rem /= card;
                    }
                    sb.append("  (");
                    for (int m = 0; m < p.length; m++) {
                        sb.append(m == 0 ? "" : ", ").append(net.variable(p[m]).states().get(a[m]));
                    }
                    sb.append(") ");
                    appendNumbers(sb, cpt[c]);
                    sb.append(";\n");
                }
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    /** Writes a network to a BIF file (UTF-8), creating parent folders. */
    public static void write(BayesNet net, Path file) throws IOException {
        write(net, "", file);
    }

    /** Writes a network to a BIF file (UTF-8) with a leading comment, creating parent folders. */
    public static void write(BayesNet net, String comment, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, write(net, comment), StandardCharsets.UTF_8);
    }

    private static void appendNumbers(StringBuilder sb, double[] row) {
        for (int s = 0; s < row.length; s++) {
            sb.append(s == 0 ? "" : ", ").append(BigDecimal.valueOf(row[s]).toPlainString());
        }
    }

    private static boolean isWord(String w) {
        try {
            Variable.checkWord(w, "name");
            return !w.startsWith("\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
