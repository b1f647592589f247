/**
 * Command-line entry points: {@code run} (one experiment, JSON), {@code tables} (population KG-MI
 * and f-MI tables), {@code sweep} (resumable grid to a tidy CSV under {@code data/}) and
 * {@code bench} (throughput figures), plus a reusable {@link org.causalheads.cli.ProgressBar}.
 */
package org.causalheads.cli;
