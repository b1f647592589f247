package org.causalheads.amortised;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.causalheads.numeric.Statistics;

/**
 * The paired comparison of two methods on the same held-out domains and samples:
 * {@code δ_k = SHD(first, k) − SHD(second, k)} per domain {@code k}, its mean and the standard
 * error of the mean {@code s/√m} ({@code s} the sample standard deviation with divisor
 * {@code m − 1}). A positive mean says {@code second} has the lower SHD.
 *
 * @param n             samples per domain
 * @param first         the method whose SHD is the minuend
 * @param second        the method whose SHD is subtracted
 * @param differences   {@code δ_k}, in increasing domain order
 * @param mean          mean of {@code δ}
 * @param standardError {@code s/√m}; NaN for a single domain
 */
public record PairedDifference(int n, String first, String second, double[] differences, double mean, double standardError) {

    public PairedDifference {
        differences = differences.clone();
    }

    @Override
    public double[] differences() {
        return differences.clone();
    }

    /** Number of paired domains. */
    public int count() {
        return differences.length;
    }

    /** Whether the mean exceeds {@code k} standard errors (a clear win of {@code second} when positive). */
    public boolean exceeds(double k) {
        return mean > k * standardError;
    }

    /**
     * How {@code second} fares against {@code first}: {@code "wins"} if the mean difference
     * exceeds {@code k} standard errors, {@code "loses"} if it is below {@code −k} standard
     * errors, else {@code "ties"} (the data do not separate them). With a standard error of 0
     * (every difference equal) the sign of the mean decides.
     *
     * @throws IllegalArgumentException if {@code k} is negative or NaN
     */
    public String outcome(double k) {
        if (!(k >= 0)) {
            throw new IllegalArgumentException("k = " + k + " standard errors; expected k >= 0");
        }
        double se = Double.isNaN(standardError) ? 0 : standardError;
        return mean > k * se && mean > 0 ? "wins" : mean < -k * se && mean < 0 ? "loses" : "ties";
    }

    /**
     * The paired difference at {@code n} over every domain that has a row of both methods (rows of
     * one run: one setting, one kind of data); failed rows ({@link ZeroShotRow#failed()}) have no
     * SHD and leave their domain out.
     *
     * @throws IllegalArgumentException if no domain has both (with an SHD), or a domain has two rows of one method
     */
    public static PairedDifference of(List<ZeroShotRow> rows, int n, String first, String second) {
        Map<Integer, Double> a = shds(rows, n, first);
        Map<Integer, Double> b = shds(rows, n, second);
        int[] domains = a.keySet().stream().filter(b::containsKey).mapToInt(Integer::intValue).sorted().toArray();
        if (domains.length == 0) {
            throw new IllegalArgumentException("no held-out domain has rows of both '" + first + "' and '" + second
                    + "' at n = " + n + "; expected paired rows");
        }
        double[] diff = new double[domains.length];
        for (int k = 0; k < domains.length; k++) {
            diff[k] = a.get(domains[k]) - b.get(domains[k]);
        }
        return new PairedDifference(n, first, second, diff, Statistics.mean(diff), Statistics.standardError(diff));
    }

    private static Map<Integer, Double> shds(List<ZeroShotRow> rows, int n, String method) {
        Map<Integer, Double> m = new HashMap<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (ZeroShotRow r : rows) {
            if (r.n() != n || !r.method().equals(method)) {
                continue;
            }
            if (!seen.add(r.domain())) {
                throw new IllegalArgumentException("domain " + r.domain() + " has two rows of '" + method + "' at n = " + n
                        + "; expected the rows of one run");
            }
            if (!r.failed()) {
                m.put(r.domain(), r.shd());
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%+.2f ± %.2f", mean, standardError);
    }
}
