package org.causalheads.amortised;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.causalheads.numeric.Statistics;

/**
 * One method at one sample size over the held-out domains of one benchmark run: mean and worst
 * SHD, mean F1, mean skeleton F1, median time. Failed rows ({@link ZeroShotRow#failed()}) have no
 * scores: they are counted in {@code failed} and left out of the means (which are NaN, and the
 * worst SHD −1, when every row failed).
 *
 * @param setting        {@code a}, {@code b} or {@code c}
 * @param data           {@code raw} or {@code standardised}
 * @param n              samples per domain
 * @param method         the method's label
 * @param domains        number of held-out domains
 * @param meanShd        mean SHD
 * @param worstShd       largest SHD
 * @param meanF1         mean directed F1
 * @param meanSkeletonF1 mean skeleton F1 (NaN for rows of an older file, which lack it)
 * @param failed         rows where the method gave no estimate
 * @param medianMillis   median wall-clock time per domain ({@link Statistics#median})
 */
public record ZeroShotSummary(String setting, String data, int n, String method, int domains, double meanShd, int worstShd,
                              double meanF1, double meanSkeletonF1, int failed, double medianMillis) {

    /**
     * One summary per (setting, data, n, method) of {@code rows}, in the order the groups first
     * appear.
     *
     * @throws IllegalArgumentException if a group mixes rows of different {@code d}, seeds or
     *                                  settings (summarise one run at a time), or holds a domain twice
     */
    public static List<ZeroShotSummary> of(List<ZeroShotRow> rows) {
        Map<String, List<ZeroShotRow>> groups = new LinkedHashMap<>();
        for (ZeroShotRow r : rows) {
            groups.computeIfAbsent(String.join("|", r.setting(), r.data(), Integer.toString(r.n()), r.method()),
                    k -> new ArrayList<>()).add(r);
        }
        List<ZeroShotSummary> out = new ArrayList<>();
        for (List<ZeroShotRow> g : groups.values()) {
            ZeroShotRow first = g.get(0);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (ZeroShotRow r : g) {
                if (r.d() != first.d() || r.seed() != first.seed() || !r.settings().equals(first.settings())) {
                    throw new IllegalArgumentException("rows of " + first.method() + " at n = " + first.n() + " mix runs (d "
                            + first.d() + " and " + r.d() + ", seeds " + first.seed() + " and " + r.seed() + ", settings '"
                            + first.settings() + "' and '" + r.settings() + "'); expected the rows of one run");
                }
                if (!seen.add(r.domain())) {
                    throw new IllegalArgumentException("domain " + r.domain() + " appears twice for " + r.method() + " at n = "
                            + r.n() + "; expected each held-out domain once");
                }
            }
            List<ZeroShotRow> ran = g.stream().filter(r -> !r.failed()).toList();
            out.add(new ZeroShotSummary(first.setting(), first.data(), first.n(), first.method(), g.size(),
                    Statistics.mean(ran.stream().mapToDouble(ZeroShotRow::shd).toArray()),
                    (int) Math.round(ran.stream().mapToDouble(ZeroShotRow::shd).max().orElse(-1)),
                    Statistics.mean(ran.stream().mapToDouble(ZeroShotRow::f1).toArray()),
                    Statistics.mean(ran.stream().mapToDouble(ZeroShotRow::skeletonF1).toArray()),
                    g.size() - ran.size(),
                    Statistics.median(g.stream().mapToDouble(ZeroShotRow::millis).toArray())));
        }
        return out;
    }

    /**
     * The one summary of {@code method} at {@code n} in {@code summaries}.
     *
     * @throws IllegalArgumentException naming the method and n if there is none or more than one
     */
    public static ZeroShotSummary find(List<ZeroShotSummary> summaries, int n, String method) {
        List<ZeroShotSummary> hit = summaries.stream().filter(s -> s.n() == n && s.method().equals(method)).toList();
        if (hit.size() != 1) {
            throw new IllegalArgumentException("summaries hold " + hit.size() + " rows for method '" + method + "' at n = " + n
                    + "; expected exactly one (summarise one setting and one kind of data at a time)");
        }
        return hit.get(0);
    }
}
