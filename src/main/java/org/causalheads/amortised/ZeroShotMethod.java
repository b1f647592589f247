package org.causalheads.amortised;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The estimators of the zero-shot benchmark ({@link ZeroShotBenchmark}), each run on the same
 * sample of a held-out domain and read out with the same edge threshold.
 */
public enum ZeroShotMethod {
    /** The trained {@link AmortisedModel}: one forward pass on the domain's statistics. */
    AMORTISED("amortised"),
    /** {@link Notears} fitted to the domain alone (columns centred). */
    NOTEARS("NOTEARS"),
    /** No edges: its SHD is the number of true edges, the floor any method should beat. */
    EMPTY_GRAPH("empty graph"),
    /** {@link VarianceSort}: order by marginal variance, regress each variable on its predecessors. */
    SORT_BY_VARIANCE("sort by variance");

    private final String label;

    ZeroShotMethod(String label) {
        this.label = label;
    }

    /** The label used in tables and CSV rows. */
    public String label() {
        return label;
    }

    /**
     * The method with this label or constant name (case-insensitive; {@code amortised},
     * {@code NOTEARS}, {@code empty graph} or {@code EMPTY_GRAPH}, {@code sort by variance} or
     * {@code SORT_BY_VARIANCE}).
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
