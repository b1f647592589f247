package org.causalheads.cli;

import java.io.BufferedWriter;
import java.io.IOException;
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
 * without losing finished rows: {@link #doneKeys} lists the rows already written (identified by
 * their first {@code keyColumns} fields), and {@link #open} appends after them.
 */
final class ResumableCsv {

    private ResumableCsv() {
    }

    /**
     * The keys of complete rows already in {@code file} (none if it is missing or empty). A torn
     * last row (an interrupted write, with the wrong number of fields) is not counted, so it is
     * redone.
     *
     * @throws IllegalArgumentException if the file has another header
     */
    static Set<String> doneKeys(Path file, List<String> header, int keyColumns) throws IOException {
        Set<String> keys = new HashSet<>();
        if (!Files.exists(file) || Files.size(file) == 0) {
            return keys;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String expected = String.join(",", header);
        if (!lines.get(0).equals(expected)) {
            throw new IllegalArgumentException("existing file " + file + " has header '" + lines.get(0)
                    + "'; expected '" + expected + "' (use another --out)");
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(",", -1);
            if (parts.length == header.size()) {
                keys.add(String.join(",", Arrays.asList(parts).subList(0, keyColumns)));
            }
        }
        return keys;
    }

    /** Opens {@code file} for appending, writing the header to a new file. */
    static BufferedWriter open(Path file, List<String> header) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        if (!fresh) {
            // a torn last line must not glue onto the next row
            byte[] all = Files.readAllBytes(file);
            if (all[all.length - 1] != '\n') {
                Files.writeString(file, "\n", StandardOpenOption.APPEND);
            }
        }
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            w.write(String.join(",", header));
            w.newLine();
            w.flush();
        }
        return w;
    }
}
