package org.causalheads.bn;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the shared bnlearn files ({@code asia.bif}, {@code cancer.bif}, {@code child.bif}) that
 * live outside the repository: the system property {@code shared.data} (a folder holding
 * {@code bnlearn/}, or the bnlearn folder itself), else the first {@code shared/data/bnlearn} found
 * walking up from the working directory. Tests that need them are skipped if they are absent.
 */
final class SharedData {

    private SharedData() {
    }

    static Optional<Path> folder() {
        String prop = System.getProperty("shared.data");
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            if (Files.isRegularFile(p.resolve("bnlearn").resolve("asia.bif"))) {
                return Optional.of(p.resolve("bnlearn"));
            }
            if (Files.isRegularFile(p.resolve("asia.bif"))) {
                return Optional.of(p);
            }
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared").resolve("data").resolve("bnlearn");
            if (Files.isDirectory(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Path of a shared network file; skips the calling test if the folder or file is absent. */
    static Path bif(String name) {
        Optional<Path> f = folder();
        assumeTrue(f.isPresent(), "shared bnlearn folder not found (set -Dshared.data=... or place it at "
                + "../shared/data/bnlearn relative to an ancestor of the working directory); skipping");
        Path p = f.get().resolve(name + ".bif");
        assumeTrue(Files.isRegularFile(p), "shared network " + p + " absent; skipping");
        return p;
    }
}
