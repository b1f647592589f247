package org.causalheads.bn;

import java.util.HashSet;
import java.util.List;

/**
 * A discrete variable of a Bayesian network: a name and its ordered, distinct state names. State
 * {@code k} of the variable is the integer {@code k} in samples and tables.
 *
 * <p>Names and states must be writable as BIF words: non-empty, no whitespace, none of
 * {@code { } [ ] ( ) , ; | "}, and no {@code //} or {@code /*} (which would start a comment).
 *
 * @param name   variable name
 * @param states state names, at least one, distinct
 */
public record Variable(String name, List<String> states) {

    public Variable {
        checkWord(name, "variable name");
        if (states == null || states.isEmpty()) {
            throw new IllegalArgumentException("variable '" + name + "' needs at least one state, got " + states);
        }
        states = List.copyOf(states);
        for (String s : states) {
            checkWord(s, "state of variable '" + name + "'");
        }
        if (new HashSet<>(states).size() != states.size()) {
            throw new IllegalArgumentException("states of variable '" + name + "' must be distinct, got " + states);
        }
    }

    /** A variable from its name and states. */
    public static Variable of(String name, String... states) {
        return new Variable(name, List.of(states));
    }

    /** Number of states. */
    public int size() {
        return states.size();
    }

    /** Index of state {@code state}, or -1 if the variable has no such state. */
    public int indexOf(String state) {
        return states.indexOf(state);
    }

    static void checkWord(String w, String what) {
        if (w == null || w.isEmpty()) {
            throw new IllegalArgumentException(what + " must be a non-empty word, got " + (w == null ? "null" : "''"));
        }
        for (int k = 0; k < w.length(); k++) {
            char c = w.charAt(k);
            if (Character.isWhitespace(c) || "{}[](),;|\"".indexOf(c) >= 0) {
                throw new IllegalArgumentException(what + " '" + w + "' contains '" + c
                        + "' (BIF words have no whitespace and none of { } [ ] ( ) , ; | \")");
            }
        }
        if (w.contains("//") || w.contains("/*")) {
            throw new IllegalArgumentException(what + " '" + w + "' contains a comment opener (// or /*)");
        }
    }
}
