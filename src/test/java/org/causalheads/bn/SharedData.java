package org.causalheads.bn;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Locates the shared bnlearn files ({@code asia.bif}, {@code cancer.bif}, {@code child.bif}) that
 * live outside the repository: the system property {@code shared.data} (a folder holding
 * {@code bnlearn/}, or the bnlearn folder itself), else the first {@code shared/data/bnlearn} found
 * walking up from the working directory.
 *
 * <p>Where the files are required — the environment variable {@code CI} is {@code true} (CI runs
 * with a copy of {@code shared/} beside the clone) or the system property {@code shared.required}
 * is {@code true} — a test that needs an absent file fails, naming every place looked in.
 * Elsewhere (a user's clone without the files) the test is skipped.
 */
final class SharedData {

    private SharedData() {
    }

    /** Whether absent shared files fail the tests that need them (rather than skipping them). */
    static boolean required(String ciEnv, String requiredProperty) {
        return "true".equalsIgnoreCase(ciEnv == null ? null : ciEnv.trim())
                || "true".equalsIgnoreCase(requiredProperty == null ? null : requiredProperty.trim());
    }

    /**
     * The folders that may hold the bnlearn files, in the order they are tried: from the property
     * ({@code <prop>/bnlearn}, then {@code <prop>}), then {@code <d>/shared/data/bnlearn} for the
     * start folder and each of its ancestors.
     */
    static List<Path> candidates(String sharedDataProperty, Path start) {
        List<Path> c = new ArrayList<>();
        if (sharedDataProperty != null && !sharedDataProperty.isBlank()) {
            Path p = Path.of(sharedDataProperty).toAbsolutePath();
            c.add(p.resolve("bnlearn"));
            c.add(p);
        }
        for (Path d = start.toAbsolutePath(); d != null; d = d.getParent()) {
            c.add(d.resolve("shared").resolve("data").resolve("bnlearn"));
        }
        return c;
    }

    /** The first candidate folder holding {@code name.bif}. */
    static Optional<Path> find(String name, List<Path> candidates) {
        return candidates.stream().map(d -> d.resolve(name + ".bif")).filter(Files::isRegularFile).findFirst();
    }

    /**
     * {@code name.bif} from the candidates; if it is in none of them, an {@link AssertionError}
     * naming them when {@code required}, else a skip (a failed assumption).
     */
    static Path bif(String name, List<Path> candidates, boolean required) {
        Optional<Path> f = find(name, candidates);
        if (f.isPresent()) {
            return f.get();
        }
        String where = "shared network " + name + ".bif not found; looked in " + candidates
                + " (set -Dshared.data=<folder> or place shared/data/bnlearn beside the clone)";
        if (required) {
            throw new AssertionError(where + "; required because CI=true or -Dshared.required=true");
        }
        assumeTrue(false, where + "; skipping");
        throw new IllegalStateException("unreachable");
    }

    /** Path of a shared network file, from the system properties, environment and working directory. */
    static Path bif(String name) {
        return bif(name, candidates(System.getProperty("shared.data"), Path.of("")),
                required(System.getenv("CI"), System.getProperty("shared.required")));
    }
}
