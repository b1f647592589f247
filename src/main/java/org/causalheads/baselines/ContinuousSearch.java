package org.causalheads.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import edu.cmu.tetrad.data.BoxDataSet;
import edu.cmu.tetrad.data.ContinuousVariable;
import edu.cmu.tetrad.data.CovarianceMatrix;
import edu.cmu.tetrad.data.DataSet;
import edu.cmu.tetrad.data.DoubleDataBox;
import edu.cmu.tetrad.graph.Node;
import edu.cmu.tetrad.search.PermutationSearch;
import edu.cmu.tetrad.search.score.SemBicScore;
import edu.cmu.tetrad.search.test.IndTestFisherZ;
import org.causalheads.dag.MixedGraph;
import org.causalheads.numeric.Statistics;
import org.ejml.data.DMatrixRMaj;

/**
 * Tetrad's methods for continuous (linear-Gaussian) data, run on one sample with fixed settings:
 * PC with the Fisher Z test, FGES with the SEM BIC score, and BOSS (with {@link PermutationSearch})
 * with the SEM BIC score. Each returns a CPDAG ({@link MixedGraph}: undirected edges where the
 * data leave the orientation open) over the sample's columns, labelled by column index.
 *
 * <p><b>Settings</b> (fixed, so that results are reproducible from the method's name):
 * <ul>
 *   <li>Fisher Z: significance level {@link #FISHER_Z_ALPHA} (the level the project's discrete PC
 *       uses); PC with Tetrad's defaults otherwise (no depth limit).</li>
 *   <li>SEM BIC: penalty discount {@link #SEM_BIC_PENALTY}, the default of Tetrad 7.6.5's
 *       {@code SemBicScore} (the plain BIC), structure prior 0 (its default).</li>
 *   <li>FGES: one thread, Tetrad's defaults otherwise.</li>
 *   <li>BOSS: {@link #BOSS_STARTS} starts, no BES step, one thread, permutation seed
 *       {@link #BOSS_SEED}. One start (Tetrad's default, and the discrete {@link Baseline.Boss})
 *       begins from the column order and can stop at a local optimum: on a five-variable
 *       collider-and-chain SEM at n = 20 000 it returned a wrong five-edge CPDAG for each of three
 *       samples, where three starts found the true graph.</li>
 * </ul>
 *
 * <p><b>Singular covariance.</b> The Fisher Z test and the SEM BIC score regress variables on sets
 * of others through the sample covariance; when it is singular (always when {@code n <= d}, as
 * the centred sample has rank at most {@code n - 1}) some of those regressions have no unique
 * solution, and Tetrad then prints a warning and carries on with scores that mean nothing. Such a
 * sample is therefore not searched: the result is a failure naming the reason
 * ({@link #singularity}), and the caller records it as such. A positive-definite covariance makes
 * every regression well defined, so no run that is made meets a singular subset.
 *
 * <p>Tetrad is run through the same guard as the discrete methods: one search at a time, its
 * output silenced, anything it throws reported as a failure.
 */
public final class ContinuousSearch {

    /** Significance level of the Fisher Z test: {@value}. */
    public static final double FISHER_Z_ALPHA = 0.01;
    /** Penalty discount of the SEM BIC score (Tetrad's default, the plain BIC): {@value}. */
    public static final double SEM_BIC_PENALTY = 1.0;
    /** Starts of BOSS's permutation search (the first from the column order, the others random): {@value}. */
    public static final int BOSS_STARTS = 3;
    /** Seed of BOSS's permutation search: {@value}. */
    public static final long BOSS_SEED = 1L;
    /**
     * A correlation matrix counts as singular when a Cholesky pivot (the variance of a standardised
     * variable left unexplained by the variables before it) is at most this: {@value}.
     */
    public static final double SINGULAR_PIVOT = 1e-10;

    /** The three methods. */
    public enum Method {
        /** PC with the Fisher Z test at {@link #FISHER_Z_ALPHA}. */
        PC_FISHER_Z("PC(Fisher Z, alpha=" + FISHER_Z_ALPHA + ")"),
        /** FGES with the SEM BIC score, penalty discount {@link #SEM_BIC_PENALTY}. */
        FGES_SEM_BIC("FGES(SEM BIC, penalty=" + SEM_BIC_PENALTY + ")"),
        /** BOSS with the SEM BIC score, penalty discount {@link #SEM_BIC_PENALTY}. */
        BOSS_SEM_BIC("BOSS(SEM BIC, penalty=" + SEM_BIC_PENALTY + ", starts=" + BOSS_STARTS + ", seed=" + BOSS_SEED + ")");

        private final String description;

        Method(String description) {
            this.description = description;
        }

        /** The method and its settings, e.g. {@code PC(Fisher Z, alpha=0.01)}. */
        public String description() {
            return description;
        }
    }

    private ContinuousSearch() {
    }

    /**
     * Runs {@code method} on the sample {@code x} ({@code n × d}, one sample a row).
     *
     * @return the CPDAG over the columns {@code 0..d-1}, or a failure (empty graph) naming why: a
     *         singular sample covariance ({@link #singularity}) or what Tetrad threw
     * @throws IllegalArgumentException if {@code method} or {@code x} is null, {@code x} has fewer
     *                                  than two columns or no row, or holds a non-finite value
     */
    public static BaselineResult run(Method method, DMatrixRMaj x) {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null; expected one of PC_FISHER_Z, FGES_SEM_BIC, BOSS_SEM_BIC");
        }
        requireData(x);
        int d = x.numCols;
        Optional<String> why = singularity(x);
        if (why.isPresent()) {
            return new BaselineResult(method.description(), MixedGraph.empty(d, null), 0, why);
        }
        return TetradAdapter.guarded(method.description(), d, null, () -> {
            DataSet ds = dataSet(x);
            return switch (method) {
                case PC_FISHER_Z -> {
                    edu.cmu.tetrad.search.Pc pc = new edu.cmu.tetrad.search.Pc(new IndTestFisherZ(ds, FISHER_Z_ALPHA));
                    pc.setVerbose(false);
                    yield pc.search();
                }
                case FGES_SEM_BIC -> {
                    edu.cmu.tetrad.search.Fges fges = new edu.cmu.tetrad.search.Fges(semBic(ds));
                    fges.setVerbose(false);
                    fges.setNumThreads(1);
                    yield fges.search();
                }
                case BOSS_SEM_BIC -> {
                    edu.cmu.tetrad.search.Boss boss = new edu.cmu.tetrad.search.Boss(semBic(ds));
                    boss.setNumThreads(1);
                    boss.setNumStarts(BOSS_STARTS);
                    boss.setUseBes(false);
                    boss.setVerbose(false);
                    PermutationSearch search = new PermutationSearch(boss);
                    search.setSeed(BOSS_SEED);
                    yield search.search();
                }
            };
        });
    }

    /**
     * Why the sample covariance of {@code x} is singular, or empty if it is positive definite:
     * {@code n <= d}, a constant column, or a Cholesky pivot of the correlation matrix at most
     * {@link #SINGULAR_PIVOT} (a column that is, to rounding, a linear function of others).
     *
     * @throws IllegalArgumentException as {@link #run}
     */
    public static Optional<String> singularity(DMatrixRMaj x) {
        requireData(x);
        int n = x.numRows;
        int d = x.numCols;
        if (n <= d) {
            return Optional.of("singular sample covariance: n = " + n + " <= d = " + d
                    + " (Fisher Z and SEM BIC need n > d)");
        }
        for (int j = 0; j < d; j++) {
            double first = x.unsafe_get(0, j);
            boolean constant = true;
            for (int i = 1; i < n && constant; i++) {
                constant = x.unsafe_get(i, j) == first;
            }
            if (constant) {
                return Optional.of("singular sample covariance: column " + j + " is constant (n = " + n + ")");
            }
        }
        DMatrixRMaj s = Statistics.populationCovariance(x);
        for (int j = 0; j < d; j++) {
            if (!(s.get(j, j) > 0)) {
                return Optional.of("singular sample covariance: column " + j + " is constant (n = " + n + ")");
            }
        }
        // Cholesky of the correlation matrix, column by column: column j's pivot is the variance of
        // standardised column j left unexplained by the columns before it; the first one at or below
        // SINGULAR_PIVOT (rounding can make it negative) names a column that depends on earlier ones
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int i = j; i < d; i++) {
                double v = s.get(i, j) / Math.sqrt(s.get(i, i) * s.get(j, j));
                for (int k = 0; k < j; k++) {
                    v -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(v > SINGULAR_PIVOT)) {
                        return Optional.of("singular sample covariance: column " + j + " is a linear function of columns before it "
                                + "(unexplained variance " + v + " of the standardised column; n = " + n + ", d = " + d + ")");
                    }
                    l[j][j] = Math.sqrt(v);
                } else {
                    l[i][j] = v / l[j][j];
                }
            }
        }
        return Optional.empty();
    }

    private static void requireData(DMatrixRMaj x) {
        if (x == null) {
            throw new IllegalArgumentException("data must not be null; expected an n x d sample");
        }
        if (x.numRows < 1 || x.numCols < 2) {
            throw new IllegalArgumentException("data are " + x.numRows + "x" + x.numCols + "; expected at least one row and two columns");
        }
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                double v = x.unsafe_get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("data[" + i + "][" + j + "] = " + v + "; expected finite values");
                }
            }
        }
    }

    /** Tetrad's data set of {@code x}, variables {@code X0..X{d-1}}. */
    static DataSet dataSet(DMatrixRMaj x) {
        int n = x.numRows;
        int d = x.numCols;
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = x.unsafe_get(i, j);
            }
        }
        List<Node> vars = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            vars.add(new ContinuousVariable("X" + j));
        }
        return new BoxDataSet(new DoubleDataBox(rows), vars);
    }

    /**
     * The SEM BIC score of {@code ds} from its covariance matrix (Tetrad's {@code SemBicScore(DataSet, …)}
     * constructor needs Tetrad's data-reader module, which its published POM does not bring).
     */
    private static SemBicScore semBic(DataSet ds) {
        SemBicScore score = new SemBicScore(new CovarianceMatrix(ds));
        score.setPenaltyDiscount(SEM_BIC_PENALTY);
        return score;
    }
}
