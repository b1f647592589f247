package org.causalheads.baselines;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import edu.cmu.tetrad.data.BoxDataSet;
import edu.cmu.tetrad.data.DataSet;
import edu.cmu.tetrad.data.DiscreteVariable;
import edu.cmu.tetrad.data.Knowledge;
import edu.cmu.tetrad.data.VerticalIntDataBox;
import edu.cmu.tetrad.graph.Endpoint;
import edu.cmu.tetrad.graph.Node;
import edu.cmu.tetrad.search.IndependenceTest;
import edu.cmu.tetrad.search.PermutationSearch;
import edu.cmu.tetrad.search.score.BdeuScore;
import edu.cmu.tetrad.search.test.IndTestChiSquare;
import edu.cmu.tetrad.search.test.IndTestGSquare;
import org.causalheads.dag.Edge;
import org.causalheads.dag.MixedGraph;

/**
 * The only class that touches Tetrad: builds its data set (variables named {@code X0..X{T-1}}
 * internally, so any column name is safe), the tier knowledge, runs the search with standard output
 * and error silenced, and converts the graph back.
 */
final class TetradAdapter {

    private static final Object LOCK = new Object();

    private TetradAdapter() {
    }

    static BaselineResult run(Baseline.Pc pc, DiscreteData data, boolean order) {
        String name = pc.name() + (order ? " + order" : "");
        return guarded(name, data, () -> {
            DataSet ds = dataSet(data);
            IndependenceTest test = pc.test() == CiTest.CHI_SQUARE
                    ? new IndTestChiSquare(ds, pc.alpha())
                    : new IndTestGSquare(ds, pc.alpha());
            edu.cmu.tetrad.search.Pc search = new edu.cmu.tetrad.search.Pc(test);
            search.setDepth(pc.depth());
            search.setVerbose(false);
            if (order) {
                search.setKnowledge(tiers(data.size()));
            }
            return search.search();
        });
    }

    static BaselineResult run(Baseline.Fges f, DiscreteData data, boolean order) {
        String name = f.name() + (order ? " + order" : "");
        return guarded(name, data, () -> {
            edu.cmu.tetrad.search.Fges search = new edu.cmu.tetrad.search.Fges(bdeu(data, f.samplePrior(),
                    f.structurePrior()));
            search.setVerbose(false);
            search.setNumThreads(1);
            if (order) {
                search.setKnowledge(tiers(data.size()));
            }
            return search.search();
        });
    }

    static BaselineResult run(Baseline.Boss b, DiscreteData data, boolean order) {
        String name = b.name() + (order ? " + order" : "");
        return guarded(name, data, () -> {
            edu.cmu.tetrad.search.Boss boss = new edu.cmu.tetrad.search.Boss(bdeu(data, b.samplePrior(),
                    b.structurePrior()));
            boss.setNumThreads(1);
            boss.setNumStarts(1);
            boss.setUseBes(false);
            boss.setVerbose(false);
            PermutationSearch search = new PermutationSearch(boss);
            search.setSeed(b.seed());
            if (order) {
                search.setKnowledge(tiers(data.size()));
            }
            return search.search();
        });
    }

    /**
     * Runs {@code search} with output silenced and timed; reports too few samples or anything the
     * search throws as a failure.
     */
    static BaselineResult guarded(String method, DiscreteData data, Supplier<edu.cmu.tetrad.graph.Graph> search) {
        MixedGraph empty = MixedGraph.empty(data.size(), data.names());
        if (data.rows() < Baseline.MIN_SAMPLES) {
            return new BaselineResult(method, empty, 0, Optional.of("too few samples: n = " + data.rows()
                    + ", need at least " + Baseline.MIN_SAMPLES + " for a meaningful estimate"));
        }
        return guarded(method, data.size(), data.names(), search);
    }

    /**
     * Runs {@code search} (over variables {@code X0..X{size-1}}) with standard output and error
     * silenced, one Tetrad search at a time, and timed; reports anything it throws as a failure.
     */
    static BaselineResult guarded(String method, int size, List<String> names, Supplier<edu.cmu.tetrad.graph.Graph> search) {
        MixedGraph empty = MixedGraph.empty(size, names);
        long t0 = System.nanoTime();
        synchronized (LOCK) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            System.setOut(sink);
            System.setErr(sink);
            try {
                edu.cmu.tetrad.graph.Graph g = search.get();
                MixedGraph mg = convert(g, size, names);
                return new BaselineResult(method, mg, millisSince(t0), Optional.empty());
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                String why = "Tetrad threw " + e.getClass().getSimpleName()
                        + (e.getMessage() != null ? ": " + e.getMessage() : "");
                return new BaselineResult(method, empty, millisSince(t0), Optional.of(why));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000L;
    }

    static DataSet dataSet(DiscreteData data) {
        int t = data.size();
        List<Node> vars = new ArrayList<>(t);
        int[] states = data.states();
        for (int j = 0; j < t; j++) {
            vars.add(new DiscreteVariable("X" + j, states[j]));
        }
        int[][] cols = data.columnsShared();
        int[][] copy = new int[t][];
        for (int j = 0; j < t; j++) {
            copy[j] = cols[j].clone(); // Tetrad keeps and may modify the arrays it is given
        }
        return new BoxDataSet(new VerticalIntDataBox(copy), vars);
    }

    /** One node per tier, in column order: edges from a later tier to an earlier one are forbidden. */
    static Knowledge tiers(int t) {
        Knowledge k = new Knowledge();
        for (int j = 0; j < t; j++) {
            k.addToTier(j, "X" + j);
        }
        return k;
    }

    private static BdeuScore bdeu(DiscreteData data, double samplePrior, double structurePrior) {
        BdeuScore score = new BdeuScore(dataSet(data));
        score.setSamplePrior(samplePrior);
        score.setStructurePrior(structurePrior);
        return score;
    }

    /**
     * Tetrad's graph as a {@link MixedGraph}: tail-arrow edges are directed; tail-tail edges
     * undirected; any other endpoint pair (a bidirected edge from conflicting collider
     * orientations, circles) is reported as undirected, its orientation being undecided.
     */
    static MixedGraph convert(edu.cmu.tetrad.graph.Graph g, DiscreteData data) {
        return convert(g, data.size(), data.names());
    }

    /** {@link #convert(edu.cmu.tetrad.graph.Graph, DiscreteData)} for {@code size} variables with these names ({@code null}: defaults). */
    static MixedGraph convert(edu.cmu.tetrad.graph.Graph g, int size, List<String> names) {
        List<Edge> edges = new ArrayList<>();
        for (edu.cmu.tetrad.graph.Edge e : g.getEdges()) {
            int a = index(e.getNode1());
            int b = index(e.getNode2());
            Endpoint ea = e.getEndpoint1();
            Endpoint eb = e.getEndpoint2();
            if (ea == Endpoint.TAIL && eb == Endpoint.ARROW) {
                edges.add(Edge.directed(a, b));
            } else if (ea == Endpoint.ARROW && eb == Endpoint.TAIL) {
                edges.add(Edge.directed(b, a));
            } else {
                edges.add(Edge.undirected(a, b));
            }
        }
        return MixedGraph.of(size, edges, names);
    }

    private static int index(Node n) {
        return Integer.parseInt(n.getName().substring(1));
    }
}
