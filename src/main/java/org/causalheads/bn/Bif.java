package org.causalheads.bn;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads and writes discrete Bayesian networks in the BIF format of the bnlearn repository: the
 * entry points of {@link BifReader} (syntax, positions, see there for what is read) and
 * {@link BifWriter} (bnlearn's layout, shortest round-trip numbers), so that
 * {@code read(write(net)).equals(net)}. Every malformed text is a {@link BifFormatException}
 * with line and column; validation of the network itself is {@link BayesNetBuilder}'s.
 */
public final class Bif {

    private Bif() {
    }

    /** Reads a network from BIF text ({@link BifReader#read(String)}). */
    public static BayesNet read(String text) {
        return BifReader.read(text);
    }

    /** Reads a network from a BIF file, UTF-8 ({@link BifReader#read(Path)}). */
    public static BayesNet read(Path file) throws IOException {
        return BifReader.read(file);
    }

    /** Writes a network as BIF text ({@link BifWriter#write(BayesNet)}). */
    public static String write(BayesNet net) {
        return BifWriter.write(net);
    }

    /** Writes a network as BIF text after a {@code //} comment ({@link BifWriter#write(BayesNet, String)}). */
    public static String write(BayesNet net, String comment) {
        return BifWriter.write(net, comment);
    }

    /** Writes a network to a BIF file (UTF-8), creating parent folders. */
    public static void write(BayesNet net, Path file) throws IOException {
        BifWriter.write(net, file);
    }

    /** Writes a network to a BIF file (UTF-8) with a leading comment, creating parent folders. */
    public static void write(BayesNet net, String comment, Path file) throws IOException {
        BifWriter.write(net, comment, file);
    }
}
