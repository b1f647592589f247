package org.causalheads.bn;

/** A place in a BIF text (1-based line and column), for error messages. */
record Loc(int line, int column) {
}
