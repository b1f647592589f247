package org.causalheads.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the library jar: {@code java -jar causal-heads.jar <command> ...}. */
@Command(name = "causal-heads", mixinStandardHelpOptions = true, version = "causal-heads 0.1.0",
        description = "Experiments behind the causal-heads notebooks.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, TablesCommand.class,
                SweepCommand.class, BenchCommand.class, IncontextCommand.class, IncontextPaperCommand.class,
                BenchIncontextCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@link #main} runs it: bad input is reported in one line, exit code 2. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof IllegalArgumentException) { // bad input: the message names the value
                line.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }
}
