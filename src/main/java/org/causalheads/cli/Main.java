package org.causalheads.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the library jar: {@code java -jar causal-heads.jar <command> ...}. */
@Command(name = "causal-heads", mixinStandardHelpOptions = true, version = "causal-heads 0.1.0",
        description = "Experiments behind the causal-heads notebooks.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, TablesCommand.class,
                SweepCommand.class, BenchCommand.class, IncontextCommand.class, IncontextPaperCommand.class,
                BenchIncontextCommand.class, MergeCommand.class, AmortisedCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * The command line as {@link #main} runs it. Bad input gets exactly one line
     * {@code error: <option or file>: <value>: <what was expected>} on standard error, then a
     * hint naming the command's {@code --help}, and exit code 2: picocli's parse errors (unknown
     * options, values that are not numbers or not among an enum's constants), the commands' own
     * checks ({@link IllegalArgumentException}, whose message has that form), file problems
     * ({@link IOException}, {@link UncheckedIOException}) and a heap exhausted despite the
     * commands' size checks. Anything else is a bug and keeps its stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine line = ex.getCommandLine();
            line.getErr().println("error: " + describe(ex));
            line.getErr().println(hint(line));
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            String msg;
            if (ex instanceof IllegalArgumentException) {
                msg = ex.getMessage();
            } else if (ex instanceof UncheckedIOException u) {
                msg = ioMessage(u.getCause());
            } else if (ex instanceof IOException io) {
                msg = ioMessage(io);
            } else {
                throw ex;
            }
            line.getErr().println("error: " + msg.replace('\n', ' ').replace('\r', ' '));
            line.getErr().println(hint(line));
            return 2;
        });
        cl.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (OutOfMemoryError e) {
                CommandLine line = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
                line.getErr().println("error: heap: " + Runtime.getRuntime().maxMemory() / (1 << 20)
                        + " MB: the problem did not fit; expected a smaller problem or a larger -Xmx");
                line.getErr().println(hint(line));
                return 2;
            }
        });
        return cl;
    }

    private static String hint(CommandLine line) {
        return "see '" + line.getCommandSpec().qualifiedName() + " --help'";
    }

    /** {@code <option>: <value>: <expected>} for a picocli parse error. */
    static String describe(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            String arg = u.getUnmatched().isEmpty() ? "?" : u.getUnmatched().get(0);
            return arg + ": unknown option or argument: expected one of the options listed by --help";
        }
        String msg = ex.getMessage() == null ? "" : ex.getMessage();
        if (ex instanceof CommandLine.MissingParameterException) {
            // "Missing required parameter for option '--T' (<length>)"
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("option '([^']+)'").matcher(msg);
            List<CommandLine.Model.ArgSpec> absent = ((CommandLine.MissingParameterException) ex).getMissing();
            CommandLine.Model.ArgSpec first = absent == null || absent.isEmpty() ? null : absent.get(0);
            String opt = ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? o.longestName()
                    : m.find() ? m.group(1)
                    : first instanceof CommandLine.Model.OptionSpec o ? o.longestName()
                    : first != null ? first.paramLabel() : "option";
            return opt + ": (missing): expected a value";
        }
        CommandLine.Model.ArgSpec spec = ex.getArgSpec();
        String opt = spec instanceof CommandLine.Model.OptionSpec o ? o.longestName()
                : spec != null ? spec.paramLabel() : "argument";
        String value = ex.getValue() != null ? ex.getValue() : "?";
        String expected = msg.replaceFirst("^Invalid value for (option|positional parameter) '[^']*'( \\([^)]*\\))?: ", "");
        if (expected.matches("'.*' is not an? (int|long)")) {
            expected = "expected an integer";
        } else if (expected.matches("'.*' is not a (double|float)")) {
            expected = "expected a number";
        } else if (expected.startsWith("expected one of ")) {
            expected = expected.replaceFirst(" \\(case-sensitive\\) but was '.*'$", " (case-sensitive)");
        }
        return opt + ": " + value + ": " + expected;
    }

    private static String ioMessage(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + e.getClass().getSimpleName().replace("Exception", "")
                    + (f.getReason() != null ? " (" + f.getReason() + ")" : "") + ": expected an accessible file";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "input: not UTF-8 text: expected a UTF-8 file";
        }
        return "file: " + e.getMessage() + ": expected an accessible file";
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
