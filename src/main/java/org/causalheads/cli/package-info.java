/**
 * Command-line entry points: {@code run} (one experiment, JSON), {@code tables} (population KG-MI
 * and f-MI tables, as text or exact JSON), {@code sweep} and {@code sweep methods} (resumable
 * grids to tidy CSVs under {@code data/}), {@code incontext} and {@code incontext-paper} (the
 * in-context transformer), {@code bench} and {@code bench-incontext} (throughput figures),
 * {@code merge} (the shards of a sweep run with {@code --shard i/N} back into the unsharded file;
 * see {@link org.causalheads.cli.MergeCommand}), plus a reusable
 * {@link org.causalheads.cli.ProgressBar}.
 *
 * <p>Bad input on any command is one line {@code error: <option or file>: <value>: <what was
 * expected>} and exit code 2 ({@link org.causalheads.cli.Main#commandLine()}); values are checked
 * and the memory a problem needs is estimated against the heap before anything large is
 * allocated. Resumable outputs are keyed by every setting their results depend on, locked while
 * written, and repaired (a damaged tail cut and kept) or refused when damaged.
 */
package org.causalheads.cli;
