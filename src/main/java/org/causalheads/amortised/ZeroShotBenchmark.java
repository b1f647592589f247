package org.causalheads.amortised;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.causalheads.baselines.BaselineResult;
import org.causalheads.baselines.ContinuousSearch;
import org.causalheads.dag.Edge;
import org.causalheads.dag.MixedGraph;
import org.causalheads.dag.Scores;
import org.ejml.data.DMatrixRMaj;

/**
 * The train-then-zero-shot benchmark of amortised discovery: train one {@link AmortisedModel}
 * on the data of many domains of a family (no graphs), then score it and the per-domain
 * baselines ({@link ZeroShotMethod}) on held-out domains of the same family, one row
 * ({@link ZeroShotRow}) per method, sample size and domain. The {@code amortised} command and
 * notebook 08 both run this class, so a notebook's live slice and the committed CSVs agree row
 * for row (apart from the timing column).
 *
 * <p><b>The protocol</b>, fixed by the constants below so that rows are reproducible from their key:
 * <ul>
 *   <li>training domain {@code k = 0..trainDomains−1} is domain {@code TRAIN_DOMAIN_OFFSET + k} of
 *       the family, sampled {@code trainSamples} times with seed {@code TRAIN_SAMPLE_SEED + k};</li>
 *   <li>held-out domain {@code k = 0..testDomains−1} is domain {@code k} (never trained on),
 *       sampled {@code n} times with seed {@code TEST_SAMPLE_SEED + 1000 n + k}; every method
 *       sees the same sample;</li>
 *   <li>with {@code standardise}, every column of every training and test sample is centred and
 *       scaled to unit variance first ({@link VarianceSort#standardise}), which removes the
 *       marginal-variance cue;</li>
 *   <li>every weighted estimate is read with the same edge threshold {@code |Â| > threshold} and
 *       scored by {@link LinearSem#score} (SHD and directed F1 of {@link org.causalheads.dag.Metrics});</li>
 *   <li>Tetrad's PC (Fisher Z, α = {@value ContinuousSearch#FISHER_Z_ALPHA}), FGES and BOSS (SEM BIC,
 *       penalty discount {@value ContinuousSearch#SEM_BIC_PENALTY}) return CPDAGs, scored as they
 *       are: an undirected edge is an adjacency found with its orientation unknown, costing 1 in
 *       SHD on a true adjacency (like a reversal) and never a correct directed edge for precision
 *       and recall. Every row also carries skeleton SHD and F1 (adjacencies alone), where CPDAGs
 *       and DAGs compare on equal terms. On a sample whose covariance is singular (always when
 *       {@code n <= d}) Tetrad's methods are not run and the row records the failure
 *       ({@link ZeroShotRow#failed()}).</li>
 * </ul>
 *
 * <p>Configuration is this record's {@code with…} methods from {@link #defaults(int)}.
 *
 * @param d              variables
 * @param edgesPerNode   ER-k: expected edges per variable
 * @param sigma          noise standard deviation
 * @param trainDomains   training domains
 * @param trainSamples   samples per training domain
 * @param ns             held-out sample sizes, in the order rows are made
 * @param testDomains    held-out domains per sample size (at most {@link #MAX_TEST_DOMAINS})
 * @param standardise    whether every sample is standardised column by column
 * @param threshold      edge threshold on {@code |Â|}, for every method
 * @param shape          the model's shape ({@code shape.d() == d})
 * @param training       the trainer's settings
 * @param notears        NOTEARS' settings
 */
public record ZeroShotBenchmark(int d, double edgesPerNode, double sigma, int trainDomains, int trainSamples, int[] ns,
                                int testDomains, boolean standardise, double threshold, AmortisedModel.Shape shape,
                                AmortisedTrainer.Config training, Notears.Config notears) {

    /** Training domain {@code k} is domain {@code TRAIN_DOMAIN_OFFSET + k} of the family. */
    public static final int TRAIN_DOMAIN_OFFSET = 1000;
    /** Training domain {@code k} is sampled with seed {@code TRAIN_SAMPLE_SEED + k}. */
    public static final long TRAIN_SAMPLE_SEED = 50_000L;
    /** Held-out domain {@code k} at {@code n} is sampled with seed {@code TEST_SAMPLE_SEED + 1000 n + k}. */
    public static final long TEST_SAMPLE_SEED = 7_000_000L;
    /** Most held-out domains per sample size (their indices stay below the training domains'). */
    public static final int MAX_TEST_DOMAINS = 1000;

    /** Default number of variables of the command line and notebook 08. */
    public static final int DEFAULT_D = 10;
    /** Default ER-k. */
    public static final double DEFAULT_EDGES_PER_NODE = 1.0;
    /** Default noise standard deviation. */
    public static final double DEFAULT_SIGMA = 1.0;
    /** Default number of training domains. */
    public static final int DEFAULT_TRAIN_DOMAINS = 120;
    /** Default samples per training domain, as a multiple of {@code d}. */
    public static final int DEFAULT_TRAIN_SAMPLES_PER_D = 5;
    /**
     * Default held-out sample sizes, as multiples of {@code d}, after {@code ⌈d/2⌉}
     * ({@link #defaultNs(int)}): {@code n} from half the number of variables to ten times it.
     */
    public static final int[] DEFAULT_N_PER_D = {1, 2, 5, 10};
    /** Default held-out domains per sample size. */
    public static final int DEFAULT_TEST_DOMAINS = 16;
    /** NOTEARS' inner budget in the benchmark: at most this many proximal-gradient steps per subproblem. */
    public static final int DEFAULT_NOTEARS_MAX_INNER = 300;
    /** NOTEARS' subproblem tolerance in the benchmark. */
    public static final double DEFAULT_NOTEARS_INNER_TOL = 1e-6;
    /** Default family seed of setting (a). */
    public static final long DEFAULT_SEED_SHARED_DAG = 3;
    /** Default family seed of setting (b). */
    public static final long DEFAULT_SEED_SHARED_ORDER = 4;
    /** Default family seed of setting (c). */
    public static final long DEFAULT_SEED_UNRELATED_ORDERS = 5;

    public ZeroShotBenchmark {
        if (d < 2) {
            throw new IllegalArgumentException("d = " + d + " variables; expected d >= 2");
        }
        if (!(edgesPerNode > 0) || edgesPerNode > (d - 1) / 2.0) {
            throw new IllegalArgumentException("edgesPerNode = " + edgesPerNode + "; expected a value in (0, " + (d - 1) / 2.0
                    + "] for d = " + d);
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma = " + sigma + "; expected a finite value > 0");
        }
        int minN = standardise ? 2 : 1;
        if (trainDomains < 1) {
            throw new IllegalArgumentException("trainDomains = " + trainDomains + "; expected >= 1");
        }
        if (trainSamples < minN) {
            throw new IllegalArgumentException("trainSamples = " + trainSamples + "; expected >= " + minN
                    + (standardise ? " (standardising needs two samples)" : ""));
        }
        if (ns == null || ns.length == 0) {
            throw new IllegalArgumentException("ns = " + (ns == null ? "null" : "[]") + "; expected at least one sample size");
        }
        ns = ns.clone();
        for (int n : ns) {
            if (n < minN) {
                throw new IllegalArgumentException("sample size " + n + " in ns = " + Arrays.toString(ns) + "; expected every n >= "
                        + minN + (standardise ? " (standardising needs two samples)" : ""));
            }
        }
        if (Arrays.stream(ns).distinct().count() != ns.length) {
            throw new IllegalArgumentException("ns = " + Arrays.toString(ns) + " repeats a sample size; expected distinct values");
        }
        if (testDomains < 1 || testDomains > MAX_TEST_DOMAINS) {
            throw new IllegalArgumentException("testDomains = " + testDomains + "; expected 1.." + MAX_TEST_DOMAINS);
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold = " + threshold + "; expected a finite value >= 0");
        }
        if (shape == null || training == null || notears == null) {
            throw new IllegalArgumentException("shape, training and notears must not be null");
        }
        if (shape.d() != d) {
            throw new IllegalArgumentException("shape.d() = " + shape.d() + " but d = " + d + "; expected the same number of variables");
        }
    }

    /**
     * The defaults for {@code d} variables: ER-1, σ = 1, 120 training domains of {@code 5d}
     * samples, held-out {@code n} of {@link #defaultNs(int)} ({@code ⌈d/2⌉, d, 2d, 5d, 10d}) on
     * 16 domains each, raw data, NOTEARS'
     * threshold 0.3, the model's and trainer's defaults, and NOTEARS' defaults with a smaller
     * inner budget ({@link #DEFAULT_NOTEARS_MAX_INNER} steps, tolerance {@link #DEFAULT_NOTEARS_INNER_TOL}).
     */
    public static ZeroShotBenchmark defaults(int d) {
        if (d < 2) {
            throw new IllegalArgumentException("d = " + d + " variables; expected d >= 2");
        }
        return new ZeroShotBenchmark(d, DEFAULT_EDGES_PER_NODE, DEFAULT_SIGMA, DEFAULT_TRAIN_DOMAINS, DEFAULT_TRAIN_SAMPLES_PER_D * d,
                defaultNs(d), DEFAULT_TEST_DOMAINS, false, Notears.THRESHOLD,
                AmortisedModel.Shape.defaults(d), AmortisedTrainer.Config.defaults(),
                Notears.Config.defaults().withMaxInner(DEFAULT_NOTEARS_MAX_INNER).withInnerTol(DEFAULT_NOTEARS_INNER_TOL));
    }

    /**
     * The default held-out sample sizes for {@code d} variables: {@code ⌈d/2⌉} (at least 2, so
     * that standardised data exist), then {@code d, 2d, 5d, 10d} ({@link #DEFAULT_N_PER_D}),
     * without repeats. Fewer samples than variables ({@code n < d}) is the regime where the
     * sample covariance is singular; every method of {@link ZeroShotMethod} still returns an
     * estimate there (the amortised model and sort by variance through their ridge, NOTEARS
     * through its ℓ1 penalty).
     *
     * @throws IllegalArgumentException if {@code d < 2}
     */
    public static int[] defaultNs(int d) {
        if (d < 2) {
            throw new IllegalArgumentException("d = " + d + " variables; expected d >= 2");
        }
        return java.util.stream.IntStream.concat(java.util.stream.IntStream.of(Math.max(2, (d + 1) / 2)),
                Arrays.stream(DEFAULT_N_PER_D).map(k -> k * d)).distinct().toArray();
    }

    @Override
    public int[] ns() {
        return ns.clone();
    }

    /** This benchmark with another ER-k. */
    public ZeroShotBenchmark withEdgesPerNode(double k) {
        return new ZeroShotBenchmark(d, k, sigma, trainDomains, trainSamples, ns, testDomains, standardise, threshold, shape, training, notears);
    }

    /** This benchmark with another noise standard deviation. */
    public ZeroShotBenchmark withSigma(double s) {
        return new ZeroShotBenchmark(d, edgesPerNode, s, trainDomains, trainSamples, ns, testDomains, standardise, threshold, shape, training, notears);
    }

    /** This benchmark with another number of training domains. */
    public ZeroShotBenchmark withTrainDomains(int m) {
        return new ZeroShotBenchmark(d, edgesPerNode, sigma, m, trainSamples, ns, testDomains, standardise, threshold, shape, training, notears);
    }

    /** This benchmark with another number of samples per training domain. */
    public ZeroShotBenchmark withTrainSamples(int n) {
        return new ZeroShotBenchmark(d, edgesPerNode, sigma, trainDomains, n, ns, testDomains, standardise, threshold, shape, training, notears);
    }

    /** This benchmark with other held-out sample sizes. */
    public ZeroShotBenchmark withNs(int... sizes) {
        return new ZeroShotBenchmark(d, edgesPerNode, sigma, trainDomains, trainSamples, sizes, testDomains, standardise, threshold, shape, training, notears);
    }

    /** This benchmark with another number of held-out domains per sample size. */
    public ZeroShotBenchmark withTestDomains(int m) {
        return new ZeroShotBenchmark(d, edgesPerNode, sigma, trainDomains, trainSamples, ns, m, standardise, threshold, shape, training, notears);
    }

    /** This benchmark on standardised (or raw) data. */
    public ZeroShotBenchmark withStandardise(boolean s) {
        return new ZeroShotBenchmark(d, edgesPerNode, sigma, trainDomains, trainSamples, ns, testDomains, s, threshold, shape, training, notears);
    }

    /** This benchmark with another edge threshold. */
    public ZeroShotBenchmark withThreshold(double t) {
        return new ZeroShotBenchmark(d, edgesPerNode, sigma, trainDomains, trainSamples, ns, testDomains, standardise, t, shape, training, notears);
    }

    /** This benchmark with another model shape. */
    public ZeroShotBenchmark withShape(AmortisedModel.Shape s) {
        return new ZeroShotBenchmark(d, edgesPerNode, sigma, trainDomains, trainSamples, ns, testDomains, standardise, threshold, s, training, notears);
    }

    /** This benchmark with other training settings. */
    public ZeroShotBenchmark withTraining(AmortisedTrainer.Config t) {
        return new ZeroShotBenchmark(d, edgesPerNode, sigma, trainDomains, trainSamples, ns, testDomains, standardise, threshold, shape, t, notears);
    }

    /** This benchmark with other NOTEARS settings. */
    public ZeroShotBenchmark withNotears(Notears.Config c) {
        return new ZeroShotBenchmark(d, edgesPerNode, sigma, trainDomains, trainSamples, ns, testDomains, standardise, threshold, shape, training, c);
    }

    /**
     * {@code a} for {@link Domains.Setting#SHARED_DAG}, {@code b} for
     * {@link Domains.Setting#SHARED_ORDER}, {@code c} for {@link Domains.Setting#UNRELATED_ORDERS}.
     */
    public static String label(Domains.Setting setting) {
        return switch (setting) {
            case SHARED_DAG -> "a";
            case SHARED_ORDER -> "b";
            case UNRELATED_ORDERS -> "c";
        };
    }

    /** The default family seed of {@code setting} ({@code 3} for a, {@code 4} for b, {@code 5} for c). */
    public static long defaultSeed(Domains.Setting setting) {
        return switch (setting) {
            case SHARED_DAG -> DEFAULT_SEED_SHARED_DAG;
            case SHARED_ORDER -> DEFAULT_SEED_SHARED_ORDER;
            case UNRELATED_ORDERS -> DEFAULT_SEED_UNRELATED_ORDERS;
        };
    }

    /**
     * The setting labelled {@code a}, {@code b} or {@code c} (also the constant names).
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static Domains.Setting setting(String label) {
        String t = label == null ? "" : label.trim();
        if (t.equalsIgnoreCase("a") || t.equalsIgnoreCase("SHARED_DAG")) {
            return Domains.Setting.SHARED_DAG;
        }
        if (t.equalsIgnoreCase("b") || t.equalsIgnoreCase("SHARED_ORDER")) {
            return Domains.Setting.SHARED_ORDER;
        }
        if (t.equalsIgnoreCase("c") || t.equalsIgnoreCase("UNRELATED_ORDERS")) {
            return Domains.Setting.UNRELATED_ORDERS;
        }
        throw new IllegalArgumentException("setting '" + label + "'; expected a (one shared DAG), b (a DAG per domain, one order)"
                + " or c (a DAG and an order per domain)");
    }

    /** {@code raw} or {@code standardised}. */
    public String data() {
        return standardise ? "standardised" : "raw";
    }

    /**
     * Every setting a row depends on beyond its other key fields (setting, d, data, seed, n,
     * domain, method), as {@code key=value} pairs separated by spaces: the generator, the
     * training protocol, the model, the trainer and NOTEARS. Two runs with equal settings and
     * key fields give equal rows (timing aside).
     */
    public String settings() {
        AmortisedTrainer.Config t = training;
        Notears.Config c = notears;
        return String.format(Locale.ROOT, "er-k=%s sigma=%s train-domains=%d train-n=%d threshold=%s"
                        + " steps=%d lr=%s lambda1=%s batch=%d dual-every=%d rho-max=%s train-seed=%d"
                        + " embedding=%d key=%d ridge=%s passes=%d"
                        + " notears-lambda1=%s notears-h-tol=%s notears-rho-max=%s notears-max-outer=%d notears-max-inner=%d notears-inner-tol=%s",
                edgesPerNode, sigma, trainDomains, trainSamples, threshold,
                t.steps(), t.learningRate(), t.lambda1(), t.batchSize(), t.dualEvery(), t.rhoMax(), t.seed(),
                shape.embedding(), shape.key(), shape.ridge(), shape.passes(),
                c.lambda1(), c.hTol(), c.rhoMax(), c.maxOuter(), c.maxInner(), c.innerTol());
    }

    /**
     * The settings of {@code method}'s rows: {@link #settings()}, followed by the method's own
     * fixed settings for Tetrad's methods ({@link ZeroShotMethod#settings()}). The first four
     * methods' rows carry {@link #settings()} alone, so adding Tetrad's methods to a run leaves
     * the keys of rows already written unchanged.
     */
    public String settings(ZeroShotMethod method) {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        String own = method.settings();
        return own.isEmpty() ? settings() : settings() + " " + own;
    }

    /** The family of domains of {@code setting} drawn from {@code seed}. */
    public Domains family(Domains.Setting setting, long seed) {
        return Domains.of(setting, d, edgesPerNode, sigma, seed);
    }

    /** The training domains' statistics ({@link Moments}), standardised data if {@link #standardise}. */
    public List<Moments> trainingSet(Domains family) {
        requireFamily(family);
        List<Moments> out = new ArrayList<>(trainDomains);
        for (int k = 0; k < trainDomains; k++) {
            DMatrixRMaj x = family.domain(TRAIN_DOMAIN_OFFSET + k).sample(trainSamples, TRAIN_SAMPLE_SEED + k);
            out.add(Moments.of(standardise ? VarianceSort.standardise(x) : x));
        }
        return out;
    }

    /** Trains the model on {@link #trainingSet} with {@link #training()}. */
    public AmortisedTrainer.Result train(Domains family) {
        return train(family, p -> { });
    }

    /** {@link #train(Domains)}, passing every history point to {@code progress} as it is made. */
    public AmortisedTrainer.Result train(Domains family, Consumer<AmortisedTrainer.Point> progress) {
        return AmortisedTrainer.train(shape, trainingSet(family), training, progress);
    }

    /** The sample of held-out domain {@code domain} at {@code n} every method sees (standardised if set). */
    public DMatrixRMaj testSample(Domains family, int n, int domain) {
        requireFamily(family);
        if (domain < 0 || domain >= MAX_TEST_DOMAINS) {
            throw new IllegalArgumentException("held-out domain " + domain + "; expected 0.." + (MAX_TEST_DOMAINS - 1));
        }
        if (n < (standardise ? 2 : 1)) {
            throw new IllegalArgumentException("sample size n = " + n + "; expected n >= " + (standardise ? 2 : 1));
        }
        DMatrixRMaj x = family.domain(domain).sample(n, TEST_SAMPLE_SEED + 1000L * n + domain);
        return standardise ? VarianceSort.standardise(x) : x;
    }

    /**
     * The weighted adjacency (in labels) that {@code method} estimates from {@code x}.
     *
     * @param model the trained model; needed only by {@link ZeroShotMethod#AMORTISED}
     * @throws IllegalArgumentException if the amortised model is asked for without a model, or
     *                                  {@code method} gives a CPDAG (use {@link #estimateGraph})
     */
    public double[][] estimate(ZeroShotMethod method, DMatrixRMaj x, AmortisedModel model) {
        if (method != null && method.isCpdag()) {
            throw new IllegalArgumentException("method " + method + " gives a CPDAG, not weights; expected estimateGraph");
        }
        return switch (method) {
            case AMORTISED -> {
                if (model == null) {
                    throw new IllegalArgumentException("method amortised needs a trained model, got null");
                }
                yield model.predict(x);
            }
            case NOTEARS -> Notears.fit(x, notears).weights();
            case EMPTY_GRAPH -> new double[x.numCols][x.numCols];
            case SORT_BY_VARIANCE -> VarianceSort.fit(x, shape.ridge());
            case PC, FGES, BOSS -> throw new IllegalStateException("unreachable: " + method);
        };
    }

    /**
     * The CPDAG (in labels) that Tetrad's {@code method} estimates from {@code x}, or the failure
     * (a singular sample covariance, or what Tetrad threw; see {@link ContinuousSearch}).
     *
     * @throws IllegalArgumentException if {@code method} is not one of Tetrad's ({@link ZeroShotMethod#isCpdag()})
     */
    public BaselineResult estimateGraph(ZeroShotMethod method, DMatrixRMaj x) {
        if (method == null || !method.isCpdag()) {
            throw new IllegalArgumentException("method " + method + " gives weights, not a CPDAG; expected PC, FGES or BOSS");
        }
        return ContinuousSearch.run(method.tetrad(), x);
    }

    /** One row: {@code method} on held-out domain {@code domain} at {@code n}, timed. */
    public ZeroShotRow row(Domains family, AmortisedModel model, int n, int domain, ZeroShotMethod method) {
        DMatrixRMaj x = testSample(family, n, domain);
        return row(family, model, n, domain, method, x);
    }

    private ZeroShotRow row(Domains family, AmortisedModel model, int n, int domain, ZeroShotMethod method, DMatrixRMaj x) {
        LinearSem sem = family.domain(domain);
        if (method.isCpdag()) {
            long t0 = System.nanoTime();
            BaselineResult g = estimateGraph(method, x);
            double millis = (System.nanoTime() - t0) * 1e-6;
            if (!g.ok()) {
                return ZeroShotRow.failure(label(family.setting()), d, data(), family.seed(), settings(method), n, domain,
                        method.label(), sem.edgeCount(), g.failure().orElseThrow(), millis);
            }
            return ZeroShotRow.of(label(family.setting()), d, data(), family.seed(), settings(method), n, domain, method.label(),
                    sem.score(g.graph()), directedPartAcyclic(g.graph()), millis);
        }
        long t0 = System.nanoTime();
        double[][] a = estimate(method, x, model);
        double millis = (System.nanoTime() - t0) * 1e-6;
        Scores s = sem.score(a, threshold);
        return ZeroShotRow.of(label(family.setting()), d, data(), family.seed(), settings(method), n, domain, method.label(), s,
                acyclic(a, threshold), millis);
    }

    /**
     * Every method on every held-out domain at every {@code n}: rows in the order n, domain,
     * method (as the {@code amortised} command writes them).
     *
     * @param model the trained model ({@code null} if {@code methods} does not hold {@link ZeroShotMethod#AMORTISED})
     */
    public List<ZeroShotRow> evaluate(Domains family, AmortisedModel model, List<ZeroShotMethod> methods) {
        if (methods == null || methods.isEmpty()) {
            throw new IllegalArgumentException("methods = " + methods + "; expected at least one method");
        }
        List<ZeroShotRow> out = new ArrayList<>();
        for (int n : ns) {
            for (int k = 0; k < testDomains; k++) {
                DMatrixRMaj x = testSample(family, n, k);
                for (ZeroShotMethod m : methods) {
                    out.add(row(family, model, n, k, m, x));
                }
            }
        }
        return out;
    }

    /**
     * The rows of this benchmark's run on {@code family} among {@code rows} (e.g. a committed CSV),
     * in the order {@link #evaluate} makes them: for every n of {@link #ns()}, held-out domain
     * below {@link #testDomains()} and method, the row with that key. Empty if any is missing, so
     * a caller can fall back to computing them.
     */
    public List<ZeroShotRow> select(List<ZeroShotRow> rows, Domains family, List<ZeroShotMethod> methods) {
        requireFamily(family);
        java.util.Map<String, ZeroShotRow> byKey = new java.util.HashMap<>();
        for (ZeroShotRow r : rows) {
            byKey.putIfAbsent(r.key(), r);
        }
        List<ZeroShotRow> out = new ArrayList<>();
        for (int n : ns) {
            for (int k = 0; k < testDomains; k++) {
                for (ZeroShotMethod m : methods) {
                    ZeroShotRow r = byKey.get(ZeroShotRow.key(label(family.setting()), d, data(), family.seed(), settings(m), n, k,
                            m.label()));
                    if (r == null) {
                        return List.of();
                    }
                    out.add(r);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Whether the thresholded estimate ({@code |a| > threshold}, diagonal ignored) is a DAG: {@code h = 0} exactly on a DAG. */
    public static boolean acyclic(double[][] a, double threshold) {
        int d = a.length;
        DMatrixRMaj t = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (i != j && Math.abs(a[i][j]) > threshold) {
                    t.unsafe_set(i, j, 1.0);
                }
            }
        }
        return Acyclicity.value(t) < 1e-9;
    }

    /** Whether the directed edges of {@code g} form no cycle (its undirected edges ignored). */
    public static boolean directedPartAcyclic(MixedGraph g) {
        int d = g.size();
        double[][] a = new double[d][d];
        for (Edge e : g.edges()) {
            if (e.directed()) {
                a[e.from()][e.to()] = 1.0;
            }
        }
        return acyclic(a, 0.5);
    }

    private void requireFamily(Domains family) {
        if (family == null) {
            throw new IllegalArgumentException("family must not be null");
        }
        if (family.size() != d || family.edgesPerNode() != edgesPerNode || family.sigma() != sigma) {
            throw new IllegalArgumentException("family " + family + " does not match the benchmark (d = " + d + ", ER-" + edgesPerNode
                    + ", sigma = " + sigma + "); expected a family made by family(setting, seed)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZeroShotBenchmark b && d == b.d && Double.compare(edgesPerNode, b.edgesPerNode) == 0
                && Double.compare(sigma, b.sigma) == 0 && trainDomains == b.trainDomains && trainSamples == b.trainSamples
                && Arrays.equals(ns, b.ns) && testDomains == b.testDomains && standardise == b.standardise
                && Double.compare(threshold, b.threshold) == 0 && shape.equals(b.shape) && training.equals(b.training)
                && notears.equals(b.notears);
    }

    @Override
    public int hashCode() {
        return 31 * settings().hashCode() + Arrays.hashCode(ns) + (standardise ? 1 : 0) + d;
    }

    @Override
    public String toString() {
        return "ZeroShotBenchmark[d=" + d + ", " + data() + ", ns=" + Arrays.toString(ns) + ", test domains=" + testDomains
                + ", " + settings() + "]";
    }
}
