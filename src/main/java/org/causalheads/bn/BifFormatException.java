package org.causalheads.bn;

/**
 * A BIF text that cannot be read: a syntax error or an invalid network, with the place in the
 * text. The message starts with {@code "line L, column C: "} and says what was expected.
 */
public final class BifFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /**
     * @param line    1-based line of the offending text
     * @param column  1-based column of the offending text
     * @param message what is wrong and what was expected (without the position)
     */
    public BifFormatException(int line, int column, String message) {
        super("line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the error. */
    public int line() {
        return line;
    }

    /** 1-based column of the error. */
    public int column() {
        return column;
    }
}
