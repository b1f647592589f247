package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Opens the project kernel the way a reader does: through a real Jupyter Notebook server.
 * {@code environment/kernel/server_check.py} starts {@code jupyter notebook} headless (free port,
 * token, {@code --no-browser}), creates a session on {@code causal-heads} through the REST API,
 * opens the kernel websocket and sends one {@code kernel_info_request} (never resent, as the
 * Notebook page), executes a cell that uses the library and checks its value, and stops the
 * server; it fails if the reply does not come within the server's 60 s, the server log reports a
 * kernel_info timeout, or the kernel process outlives the server.
 *
 * <p>It runs with none of the suite's other child processes beside it ({@link SuiteJobs#alone}).
 *
 * <p>Needs the machine set up by {@code environment/setup.sh}; {@code -Dnotebooks.skip=true}
 * skips it like the other notebook tests.
 */
class NotebookServerTest {

    private static final Path HOME = Paths.get("").toAbsolutePath();

    @Test
    void aNotebookServerStartsTheKernelAndRunsACellOnTheFirstKernelInfoRequest() throws Exception {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        Path pythonFile = HOME.resolve("target/python-path");
        assertThat(pythonFile).as("target/python-path is written by environment/setup.sh: run it first").exists();
        String python = Files.readString(pythonFile).trim();
        Path out = Files.createDirectories(HOME.resolve("target/kernel-logs")).resolve("notebook-server-check.out");
        // alone: the server gives the kernel 60 s to answer, which the suite's other jobs must not eat into
        SuiteJobs.Result r = SuiteJobs.alone("server", "server_check.py",
                List.of(python, HOME.resolve("environment/kernel/server_check.py").toString()), Map.of(), out, Duration.ofMinutes(5));
        String report = r.output();
        assertThat(r.finished()).as("server check finished within 5 minutes; output:%n%s", report).isTrue();
        assertThat(r.exit()).as("server check passed; output:%n%s", report).isZero();
        assertThat(report).as("server check report").contains("ok: kernel_info_reply");
    }
}
