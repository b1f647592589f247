package org.causalheads.amortised;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.causalheads.baselines.ContinuousSearch;

/**
 * The estimators of the zero-shot benchmark ({@link ZeroShotBenchmark}), each run on the same
 * sample of a held-out domain. The first four give a weighted adjacency read out with the
 * benchmark's edge threshold; Tetrad's PC, FGES and BOSS ({@link ContinuousSearch}) give a
 * CPDAG, scored as it is (an undirected edge is an adjacency of unknown orientation: see
 * {@link ZeroShotBenchmark}).
 */
public enum ZeroShotMethod {
    /** The trained {@link AmortisedModel}: one forward pass on the domain's statistics. */
    AMORTISED("amortised"),
    /** {@link Notears} fitted to the domain alone (columns centred). */
    NOTEARS("NOTEARS"),
    /** No edges: its SHD is the number of true edges, the floor any method should beat. */
    EMPTY_GRAPH("empty graph"),
    /** {@link VarianceSort}: order by marginal variance, regress each variable on its predecessors. */
    SORT_BY_VARIANCE("sort by variance"),
    /** Tetrad's PC with the Fisher Z test ({@link ContinuousSearch.Method#PC_FISHER_Z}): a CPDAG. */
    PC("PC", ContinuousSearch.Method.PC_FISHER_Z),
    /** Tetrad's FGES with the SEM BIC score ({@link ContinuousSearch.Method#FGES_SEM_BIC}): a CPDAG. */
    FGES("FGES", ContinuousSearch.Method.FGES_SEM_BIC),
    /** Tetrad's BOSS with the SEM BIC score ({@link ContinuousSearch.Method#BOSS_SEM_BIC}): a CPDAG. */
    BOSS("BOSS", ContinuousSearch.Method.BOSS_SEM_BIC);

    private final String label;
    private final ContinuousSearch.Method tetrad;

    ZeroShotMethod(String label) {
        this(label, null);
    }

    ZeroShotMethod(String label, ContinuousSearch.Method tetrad) {
        this.label = label;
        this.tetrad = tetrad;
    }

    /**
     * The methods before Tetrad's were added (amortised, NOTEARS, empty graph, sort by variance):
     * the methods of the committed CSVs made before them.
     */
    public static java.util.List<ZeroShotMethod> weighted() {
        return Arrays.stream(values()).filter(m -> !m.isCpdag()).toList();
    }

    /**
     * Whether the method returns a CPDAG (Tetrad's PC, FGES, BOSS) rather than a weighted
     * adjacency read with the benchmark's edge threshold.
     */
    public boolean isCpdag() {
        return tetrad != null;
    }

    /** Tetrad's method behind this one, or {@code null} for the others. */
    public ContinuousSearch.Method tetrad() {
        return tetrad;
    }

    /**
     * The settings this method adds to the benchmark's ({@link ZeroShotBenchmark#settings(ZeroShotMethod)}):
     * {@code ""} for the first four (so rows written before Tetrad's methods keep their keys),
     * the fixed test or score settings for Tetrad's.
     */
    public String settings() {
        if (tetrad == null) {
            return "";
        }
        return switch (tetrad) {
            case PC_FISHER_Z -> "tetrad=pc-fisher-z alpha=" + ContinuousSearch.FISHER_Z_ALPHA;
            case FGES_SEM_BIC -> "tetrad=fges-sem-bic penalty=" + ContinuousSearch.SEM_BIC_PENALTY;
            case BOSS_SEM_BIC -> "tetrad=boss-sem-bic penalty=" + ContinuousSearch.SEM_BIC_PENALTY + " starts=" + ContinuousSearch.BOSS_STARTS + " bes=false boss-seed="
                    + ContinuousSearch.BOSS_SEED;
        };
    }

    /** The label used in tables and CSV rows. */
    public String label() {
        return label;
    }

    /**
     * The method with this label or constant name (case-insensitive; {@code amortised},
     * {@code NOTEARS}, {@code empty graph} or {@code EMPTY_GRAPH}, {@code sort by variance} or
     * {@code SORT_BY_VARIANCE}, {@code PC}, {@code FGES}, {@code BOSS}).
     *
     * @throws IllegalArgumentException naming the value and the accepted labels
     */
    public static ZeroShotMethod of(String label) {
        if (label != null) {
            String t = label.trim();
            for (ZeroShotMethod m : values()) {
                if (m.label.equalsIgnoreCase(t) || m.name().equalsIgnoreCase(t.replace(' ', '_').replace('-', '_'))) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("method '" + label + "'; expected one of "
                + Arrays.stream(values()).map(ZeroShotMethod::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
