package org.causalheads.notebook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

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
    private final List<String> notes = new ArrayList<>();
    private final List<String> notApplicable = new ArrayList<>();

    private Claims() {
    }

    /**
     * Refuses a parameter value the notebook does not support, in its parameters cell: nothing
     * happens if {@code holds}, else an {@link IllegalArgumentException} whose message is
     * {@code String.format(expected, numbers)} — written to name the offending value and the range
     * expected, e.g. {@code require(T >= K + 2, "T = %d: expected T ≥ K + 2 = %d", T, K + 2)}.
     *
     * @throws IllegalArgumentException "unsupported parameter value: " and the formatted text, if not {@code holds}
     */
    public static void require(boolean holds, String expected, Object... numbers) {
        if (!holds) {
            throw new IllegalArgumentException("unsupported parameter value: " + String.format(Locale.ROOT, expected, numbers));
        }
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

    /**
     * One claim over many items: it holds if {@code holds} is true of every item. If not, the
     * {@link AssertionError} carries the claim and the first item it fails on, described by
     * {@code counterexample} — so a per-item check keeps its diagnosis without a loop around a throw.
     *
     * @throws AssertionError "claim failed: ", the formatted claim, " — fails for " and the first failing item
     */
    public <T> Claims all(Iterable<T> items, Predicate<? super T> holds, Function<? super T, String> counterexample,
            String claim, Object... numbers) {
        String text = String.format(Locale.ROOT, claim, numbers);
        for (T item : items) {
            if (!holds.test(item)) {
                throw new AssertionError("claim failed: " + text + " — fails for " + counterexample.apply(item));
            }
        }
        held.add(text);
        return this;
    }

    /**
     * One claim that no counterexample was found: it holds if {@code counterexamples} (collected
     * by the caller, e.g. rows that disagree) is empty, else the {@link AssertionError} lists them.
     *
     * @throws AssertionError "claim failed: ", the formatted claim, " — fails for " and the counterexamples
     */
    public Claims none(Collection<?> counterexamples, String claim, Object... numbers) {
        String text = String.format(Locale.ROOT, claim, numbers);
        if (!counterexamples.isEmpty()) {
            throw new AssertionError("claim failed: " + text + " — fails for " + counterexamples);
        }
        held.add(text);
        return this;
    }

    /**
     * A statement that is reported but not checked (a reading the data do not decide, or a claim
     * whose premise does not hold in this run); it follows the checked claims in the report.
     */
    public Claims reported(String statement, Object... numbers) {
        notes.add(String.format(Locale.ROOT, statement, numbers));
        return this;
    }

    /**
     * A claim whose premise does not hold for this run's parameters (another f, too few sequences,
     * a problem that is not identifiable): not checked, and said so — {@code "does not apply: "}
     * and the formatted statement, which should name the claim and why.
     */
    public Claims doesNotApply(String statement, Object... numbers) {
        notApplicable.add(String.format(Locale.ROOT, statement, numbers));
        return this;
    }

    /**
     * {@link #that} if {@code premise} holds, else {@link #doesNotApply} with the claim and
     * {@code why} ({@code "claim — why"}): a claim checked only under its premise.
     */
    public Claims given(boolean premise, String why, boolean holds, String claim, Object... numbers) {
        if (premise) {
            return that(holds, claim, numbers);
        }
        return doesNotApply("%s — %s", String.format(Locale.ROOT, claim, numbers), why);
    }

    /**
     * The claims that held, as one sentence: {@code "Checked: a; b."}, followed by
     * {@code " Does not apply: e."} if a claim's premise did not hold ({@link #doesNotApply}) and
     * {@code " Reported, not checked: c; d."} if any statement was only {@linkplain #reported reported}.
     */
    public String report() {
        String out = held.isEmpty() ? "Checked: nothing." : "Checked: " + String.join("; ", held) + ".";
        if (!notApplicable.isEmpty()) {
            out += " Does not apply: " + String.join("; ", notApplicable) + ".";
        }
        return notes.isEmpty() ? out : out + " Reported, not checked: " + String.join("; ", notes) + ".";
    }

    /**
     * The same as {@link #report()} one line per statement, for long lists: {@code "✓ a"} for each claim
     * that held, {@code "– does not apply: e"} for each claim whose premise did not hold, then {@code "· reported, not checked: c"} for each statement only reported.
     */
    public String lines() {
        List<String> out = new ArrayList<>();
        held.forEach(h -> out.add("✓ " + h));
        notApplicable.forEach(n -> out.add("– does not apply: " + n));
        notes.forEach(n -> out.add("· reported, not checked: " + n));
        return out.isEmpty() ? "Checked: nothing." : String.join("\n", out);
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
