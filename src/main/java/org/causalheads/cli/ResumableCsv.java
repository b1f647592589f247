package org.causalheads.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A tidy CSV that a long sweep appends to row by row, so that an interrupted sweep resumes
 * without losing finished rows or reusing wrong ones.
 *
 * <ul>
 * <li><b>Keys.</b> {@link #doneKeys()} lists the rows already written, identified by their first
 * {@code keyColumns} fields; a command puts every option its results depend on in those fields
 * (a {@code settings} column), so that a sweep with other options never counts another's rows.
 * <li><b>One writer.</b> The file is locked ({@link FileChannel#tryLock()}) from {@link #open} to
 * {@link #close()}; a second writer, in this process or another, is refused with an error naming
 * the file.
 * <li><b>Damaged tails are repaired, other damage refused.</b> A row is complete only when its
 * line ends with a newline and has the header's number of fields, none containing a NUL. Lines at
 * the end of the file that are not complete rows (a row torn by a kill, a row cut after its last
 * comma, a NUL-filled tail left by a crash) are cut off, and the bytes cut are kept beside the
 * file as {@code <file>.cut-<n>}; the command says so on standard error. A damaged line followed
 * by complete rows, text that is not UTF-8, or another header is refused: the file was not
 * written by this command as it is now, and nothing is changed.
 * </ul>
 */
final class ResumableCsv implements Closeable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Set<String> keys;

    private ResumableCsv(Path file, FileChannel channel, FileLock lock, Set<String> keys) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.keys = keys;
    }

    /**
     * Opens (creating it with the header if it is missing or empty) and locks {@code file}, repairing
     * a damaged tail (reported on {@code log}).
     *
     * @param option     the command-line option naming the file, for error messages
     * @throws IllegalArgumentException if the file is locked by another writer, is not UTF-8, has
     *                                  another header or a damaged line before complete rows, or
     *                                  cannot be written
     */
    static ResumableCsv open(String option, Path file, List<String> header, int keyColumns, PrintStream log) {
        Checks.writable(option, file);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw Checks.bad(option, file, "cannot be opened for writing (" + e.getClass().getSimpleName()
                    + "); expected a writable file");
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(ch);
            throw Checks.bad(option, file, "cannot be locked (" + e + "); expected a lockable file");
        }
        if (lock == null) {
            closeQuietly(ch);
            throw Checks.bad(option, file, "is being written by another sweep (the file is locked); expected one writer "
                    + "per file: wait for it, or use another " + option);
        }
        try {
            Set<String> keys = prepare(option, file, ch, header, keyColumns, log);
            ch.position(ch.size());
            return new ResumableCsv(file, ch, lock, keys);
        } catch (IOException e) {
            closeQuietly(ch);
            throw Checks.bad(option, file, "could not be read or repaired (" + e + "); expected a readable file");
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** Keys of the complete rows already in the file. */
    Set<String> doneKeys() {
        return keys;
    }

    /** Appends one row (its fields joined by commas) and writes it through to the file. */
    void append(List<String> fields) throws IOException {
        appendLine(String.join(",", fields));
    }

    /** Appends one line (a row already joined) and writes it through to the file. */
    void appendLine(String row) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((row + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** The file this writer appends to. */
    Path file() {
        return file;
    }

    private static Set<String> prepare(String option, Path file, FileChannel ch, List<String> header, int keyColumns,
                                       PrintStream log) throws IOException {
        long size = ch.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw Checks.bad(option, file, size + " bytes; expected a sweep CSV below 2 GB");
        }
        byte[] all = new byte[(int) size];
        ByteBuffer buf = ByteBuffer.wrap(all);
        ch.position(0);
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
            // reads the whole file
        }
        String expected = String.join(",", header);
        Set<String> keys = new HashSet<>();
        if (isBlank(all)) {
            ch.truncate(0);
            ch.position(0);
            if (size > 0) {
                keep(file, all, 0, log, "a file holding only whitespace or NUL bytes");
            }
            ByteBuffer h = ByteBuffer.wrap((expected + "\n").getBytes(StandardCharsets.UTF_8));
            while (h.hasRemaining()) {
                ch.write(h);
            }
            return keys;
        }
        // complete lines end with '\n'; what follows the last one is a torn row
        int lastNl = -1;
        for (int i = all.length - 1; i >= 0; i--) {
            if (all[i] == '\n') {
                lastNl = i;
                break;
            }
        }
        if (lastNl < 0) {
            String partial = new String(all, StandardCharsets.UTF_8);
            if (!expected.startsWith(partial.replace("\0", ""))) {
                throw Checks.bad(option, file, "existing file has no complete line ('" + abbreviate(partial)
                        + "'); expected a CSV with header '" + expected + "' (use another " + option + ")");
            }
            keep(file, all, 0, log, "a torn header");
            ch.truncate(0);
            ch.position(0);
            ByteBuffer h = ByteBuffer.wrap((expected + "\n").getBytes(StandardCharsets.UTF_8));
            while (h.hasRemaining()) {
                ch.write(h);
            }
            return keys;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(all, 0, lastNl + 1)).toString();
        } catch (CharacterCodingException e) {
            throw Checks.bad(option, file, "not UTF-8 text; expected a CSV written by this command (move it away or use "
                    + "another " + option + ")");
        }
        String[] lines = text.isEmpty() ? new String[0] : text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(expected)) {
            String found = lines.length == 0 ? "no complete header line" : "header '" + abbreviate(lines[0]) + "'";
            throw Checks.bad(option, file, "existing file has " + found + "; expected header '" + expected
                    + "' (use another " + option + ")");
        }
        int firstBad = -1;
        long cutAt = lastNl + 1;
        long offset = lines[0].getBytes(StandardCharsets.UTF_8).length + 1L;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            boolean ok = completeRow(line, header.size());
            if (!ok && firstBad < 0) {
                firstBad = i;
                cutAt = offset;
            } else if (ok && firstBad >= 0) {
                throw Checks.bad(option, file, "line " + (firstBad + 1) + " is not a complete row ('"
                        + abbreviate(lines[firstBad]) + "') but complete rows follow it; expected damage only at the end "
                        + "(repair the file by hand or use another " + option + ")");
            }
            if (ok) {
                keys.add(String.join(",", Arrays.asList(line.split(",", -1)).subList(0, keyColumns)));
            }
            offset += line.getBytes(StandardCharsets.UTF_8).length + 1L;
        }
        if (cutAt < all.length) {
            keep(file, all, (int) cutAt, log, "an incomplete last row");
            ch.truncate(cutAt);
        }
        return keys;
    }

    /** Whether a line (without its newline) is a complete row of a CSV with {@code columns} columns. */
    private static boolean completeRow(String line, int columns) {
        return !line.isEmpty() && line.indexOf('\0') < 0 && line.split(",", -1).length == columns;
    }

    /**
     * The rows of a finished CSV, read without changing it, under the checks {@link #open} makes;
     * here every damage is refused, a damaged tail included (it is what a killed run leaves, and
     * rerunning the same command repairs it).
     *
     * @param what the option or argument naming the file, for error messages
     * @return the data lines, in file order
     * @throws IllegalArgumentException naming the file and the first damaged line if the file is
     *                                  missing, not UTF-8, has another header, or has a line that is
     *                                  not a complete row
     */
    static List<String> readFinished(String what, Path file, List<String> header) {
        if (!Files.isRegularFile(file)) {
            throw Checks.bad(what, file, "no such file; expected a CSV written by a sweep");
        }
        String text = Checks.readText(what, file);
        String expected = String.join(",", header);
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw Checks.bad(what, file, (text.isEmpty() ? "empty" : "its last line is not complete (a run was cut short)")
                    + "; expected a finished CSV (rerun the command that wrote it to repair and finish it)");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (!lines[0].equals(expected)) {
            throw Checks.bad(what, file, "header '" + abbreviate(lines[0]) + "'; expected header '" + expected + "'");
        }
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!completeRow(lines[i], header.size())) {
                throw Checks.bad(what, file, "line " + (i + 1) + " is not a complete row ('" + abbreviate(lines[i])
                        + "'); expected " + header.size() + " fields per line (rerun the command that wrote it to repair it)");
            }
            rows.add(lines[i]);
        }
        return rows;
    }

    /** Saves {@code all[from..]} beside the file and reports the repair. */
    private static void keep(Path file, byte[] all, int from, PrintStream log, String what) throws IOException {
        Path copy = null;
        for (int n = 1; copy == null || Files.exists(copy); n++) {
            copy = file.resolveSibling(file.getFileName() + ".cut-" + n);
        }
        Files.write(copy, Arrays.copyOfRange(all, from, all.length));
        log.println("repaired " + file + ": cut " + (all.length - from) + " bytes of " + what + " (kept in " + copy
                + "); those rows are redone");
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != 0 && x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        String t = s.replace("\0", "\\0");
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }
}
