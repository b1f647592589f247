package org.causalheads.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Checks of command-line values. Every failure is an {@link IllegalArgumentException} whose
 * message has the form {@code <option or file>: <value>: <what was expected>}, which
 * {@link Main#commandLine()} prints as one {@code error:} line with exit code 2.
 */
final class Checks {

    private Checks() {
    }

    /** The bad-input exception for {@code option} with {@code value}. */
    static IllegalArgumentException bad(String option, Object value, String expected) {
        String v = value instanceof int[] a ? Arrays.toString(a).replace(" ", "")
                : value instanceof double[] d ? Arrays.toString(d).replace(" ", "")
                : value instanceof long[] l ? Arrays.toString(l).replace(" ", "") : String.valueOf(value);
        return new IllegalArgumentException(option + ": " + v + ": " + expected);
    }

    static int atLeast(String option, int v, int min) {
        if (v < min) {
            throw bad(option, v, "expected an integer >= " + min);
        }
        return v;
    }

    static int between(String option, int v, int min, int max) {
        if (v < min || v > max) {
            throw bad(option, v, "expected an integer in " + min + ".." + max);
        }
        return v;
    }

    static void allAtLeast(String option, int[] v, int min) {
        if (v.length == 0) {
            throw bad(option, "''", "expected at least one value");
        }
        for (int x : v) {
            if (x < min) {
                throw bad(option, x, "expected integers >= " + min);
            }
        }
    }

    static double positive(String option, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw bad(option, v, "expected a finite number > 0");
        }
        return v;
    }

    static double nonNegative(String option, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw bad(option, v, "expected a finite number >= 0");
        }
        return v;
    }

    static double unit(String option, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw bad(option, v, "expected a number in [0, 1]");
        }
        return v;
    }

    static double openUnit(String option, double v) {
        if (!(v > 0 && v < 1)) {
            throw bad(option, v, "expected a number in (0, 1)");
        }
        return v;
    }

    static void nonEmpty(String option, Object[] v) {
        if (v == null || v.length == 0) {
            throw bad(option, "''", "expected at least one value");
        }
    }

    static void nonEmpty(String option, long[] v) {
        if (v == null || v.length == 0) {
            throw bad(option, "''", "expected at least one value");
        }
    }

    /**
     * Refuses a problem whose estimated memory does not fit in the heap ({@link Runtime#maxMemory()}),
     * naming both.
     */
    static void fits(String what, double bytes) {
        long max = Runtime.getRuntime().maxMemory();
        if (!(bytes <= max)) {
            throw new IllegalArgumentException(what + ": needs about " + mb(bytes) + " of memory: expected at most the heap limit "
                    + mb(max) + " (raise it with -Xmx, or choose a smaller problem)");
        }
    }

    private static String mb(double bytes) {
        return bytes >= 1e12 ? String.format(Locale.ROOT, "%.3g TB", bytes / 1e12)
                : bytes >= 1e9 ? String.format(Locale.ROOT, "%.3g GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.3g MB", bytes / 1e6);
    }

    /**
     * Memory (bytes, an estimate) of a KG-MI problem with {@code t} positions, {@code s} states,
     * {@code k} slots and {@code n} sampled sequences (0 for population values): the pairwise joint
     * tables and conditionals, {@code 3 x T(T-1)/2 x S^2} doubles (pair counts included), the
     * KG-MI and MI tables and the attention weights, {@code 4 (K+1) T^2} doubles, and the samples,
     * {@code 2 n T} bytes (bytes and bitsets).
     */
    static double kgmiBytes(int t, int s, int k, long n) {
        double pairs = (double) t * (t - 1) / 2;
        return 8 * (3 * pairs * s * s + 4.0 * (k + 1) * t * t) + 2.0 * n * t;
    }

    /** The UTF-8 text of the file given by {@code option}; a missing, unreadable or non-UTF-8 file is bad input. */
    static String readText(String option, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw bad(option, file, "no such file; expected a readable file");
        } catch (AccessDeniedException e) {
            throw bad(option, file, "permission denied; expected a readable file");
        } catch (IOException e) {
            throw bad(option, file, (Files.isDirectory(file) ? "is a folder" : e.toString()) + "; expected a readable file");
        } catch (OutOfMemoryError e) {
            throw bad(option, file, "too large to read; expected a smaller file");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad(option, file, "not UTF-8 text; expected a UTF-8 file");
        }
    }

    /** Refuses an output file whose folder cannot be created or written. */
    static void writable(String option, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            String why = "not writable";
            for (Path p = parent; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p)) {
                    why = p + " is a file, not a folder";
                    break;
                }
            }
            throw bad(option, file, "cannot create its folder " + parent + " (" + why + "); expected a writable path");
        }
        if (Files.isDirectory(file)) {
            throw bad(option, file, "is a folder; expected a file path");
        }
        if (parent != null && !Files.isWritable(parent) && !Files.isWritable(file)) {
            throw bad(option, file, "folder " + parent + " is not writable; expected a writable path");
        }
    }
}
