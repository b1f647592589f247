package org.causalheads.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks that end a notebook's sections: each claim is stated once, with the numbers that
 * decide it, and either holds — then it joins the cell's one-line report — or throws an
 * {@link AssertionError} carrying the same sentence and numbers, which stops the notebook.
 *
 * <pre>{@code
 * Claims.check()
 *     .that(kg.delta() > 4 * eps, "Δ = %.4f > 4ε = %.4f", kg.delta(), 4 * eps)
 *     .that(kg.scores().f1() == 1, "KG-MI recovers the graph (F1 = %.3f)", kg.scores().f1())
 *     .report()          // "Checked: Δ = 0.0831 > 4ε = 0.0112; KG-MI recovers the graph (F1 = 1.000)."
 * }</pre>
 *
 * Numbers are formatted with {@link Locale#ROOT}, so a report reads the same on every machine.
 */
public final class Claims {

    private final List<String> held = new ArrayList<>();

    private Claims() {
    }

    /** An empty list of claims. */
    public static Claims check() {
        return new Claims();
    }

    /**
     * One claim, {@code String.format(claim, numbers)}: kept for the report if {@code holds},
     * else thrown.
     *
     * @throws AssertionError "claim failed: " and the formatted claim, if it does not hold
     */
    public Claims that(boolean holds, String claim, Object... numbers) {
        String text = String.format(Locale.ROOT, claim, numbers);
        if (!holds) {
            throw new AssertionError("claim failed: " + text);
        }
        held.add(text);
        return this;
    }

    /** The claims that held, as one sentence: {@code "Checked: a; b."}. */
    public String report() {
        return held.isEmpty() ? "Checked: nothing." : "Checked: " + String.join("; ", held) + ".";
    }

    /** {@link #report()} followed by further text (what the numbers mean). */
    public String report(String more, Object... numbers) {
        return report() + " " + String.format(Locale.ROOT, more, numbers);
    }

    @Override
    public String toString() {
        return report();
    }
}
