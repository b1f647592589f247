package org.causalheads.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process as {@link Main#main} does, capturing everything it prints. */
final class CommandLineCapture {

    private CommandLineCapture() {
    }

    /** Exit code, picocli's error writer, and what went to standard output and standard error. */
    record Result(int code, String picoErr, String out, String err) {
    }

    static Result run(String... args) {
        PrintStream keepOut = System.out;
        PrintStream keepErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter picoErr = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(picoErr, true));
            code = cl.execute(args);
        } finally {
            System.setOut(keepOut);
            System.setErr(keepErr);
        }
        return new Result(code, picoErr.toString(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
