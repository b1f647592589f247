/*
 * Upstream origin: padreati/rapaio-jupyter-kernel (https://github.com/padreati/rapaio-jupyter-kernel),
 *   file rapaio-jupyter-kernel/src/org/rapaio/jupyter/kernel/channels/LoopThread.java,
 *   version 3.0.1 as published on Maven Central (io.github.padreati:rapaio-jupyter-kernel:3.0.1,
 *   sources jar). Patched for upstream version: 3.0.1
 * Licence: MIT (declared in the parent pom io.github.padreati:rapaio-jupyter:3.0.1);
 *   copyright Aurelian Tutuianu and contributors. This modified copy is under the same licence.
 * Upstream change that introduced the race: the order of two statements in start(). In the
 *   repository's earlier layout (commit 1c70628, src/main/java/org/rapaio/jupyter/kernel/channels/
 *   LoopThread.java) start() raised the running flag and then called super.start(); in 3.0.1 it
 *   calls super.start() first. The commit that swapped them was not identified (no upstream
 *   issue, pull request or commit message names the race).
 */
package org.rapaio.jupyter.kernel.channels;

/**
 * Replaces the class of the same name in rapaio-jupyter-kernel 3.0.1: a channel's message loop,
 * running its body every {@code sleep} milliseconds.
 *
 * <p>Changes from 3.0.1:
 * <ul>
 *   <li>{@code start()} raises the running flag before it starts the thread. 3.0.1 raised it
 *       after, so a thread scheduled at once read {@code false} and ended: a kernel whose shell
 *       channel never reads a message.</li>
 *   <li>An exception from one iteration no longer ends the loop silently. It is reported on
 *       standard error (the kernel's log) and the loop goes on, sleeping twice as long after
 *       each consecutive failure (up to {@link #MAX_BACKOFF_MILLIS}). After
 *       {@link #MAX_CONSECUTIVE_FAILURES} consecutive failures the loop is taken to be broken
 *       for good: it says so on standard error and ends the kernel process (exit status 70), so
 *       the client sees a dead kernel instead of one that silently never answers. An iteration
 *       that completes resets the count.</li>
 * </ul>
 * The early-request race (a request read before the handler table existed) is fixed in
 * {@link Channels}, which now registers its handlers before any loop starts.
 *
 * <p>Same binary interface as the class it replaces (constructor, {@code run}, {@code start},
 * {@code shutdown}).
 */
public final class LoopThread extends Thread {

    /** Consecutive failed iterations after which the kernel is ended. */
    static final int MAX_CONSECUTIVE_FAILURES = 8;
    /** Longest pause between two failed iterations. */
    static final long MAX_BACKOFF_MILLIS = 4_000;
    /** Exit status of a kernel ended by a broken loop (EX_SOFTWARE). */
    static final int EXIT_STATUS = 70;

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    /**
     * @param name     thread name
     * @param sleep    milliseconds to sleep after each run of {@code loopBody}
     * @param loopBody one iteration of the channel's loop
     */
    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        int failures = 0;
        while (running) {
            long pause = sleep;
            try {
                loopBody.run();
                failures = 0;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // the channel was closed under the iteration: a normal shutdown
                }
                failures++;
                if (failures >= MAX_CONSECUTIVE_FAILURES) {
                    System.err.println(getName() + ": the channel loop failed " + failures
                            + " times in a row, last with " + e + "; ending the kernel");
                    System.err.flush();
                    Runtime.getRuntime().halt(EXIT_STATUS);
                }
                pause = Math.min(MAX_BACKOFF_MILLIS, Math.max(sleep, 1) << failures);
                System.err.println(getName() + ": loop iteration failed (" + failures + " in a row), retrying in "
                        + pause + " ms: " + e);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    /** Ends the loop after its current iteration. */
    public void shutdown() {
        running = false;
    }
}
