package org.rapaio.jupyter.kernel.channels;

/**
 * Replaces the class of the same name in rapaio-jupyter-kernel 3.0.1, which lets a channel's
 * message loop die at start-up in two ways, each leaving a kernel that never answers (about one
 * start in three here, more on a busy machine):
 * <ul>
 *   <li>its {@code start()} starts the thread before it raises the running flag, so a thread
 *       scheduled first reads the flag as false and ends at once;</li>
 *   <li>the kernel starts its channel loops before it registers its message handlers, so a
 *       request that arrives in between throws (no handler table yet) and the exception ends the
 *       loop.</li>
 * </ul>
 * Here the flag is raised before the thread starts, and an exception from one iteration is
 * reported on standard error (the kernel's log) and the loop goes on: the early request is lost,
 * and clients repeat it until the kernel answers ({@code kernel_info} is sent again every second).
 *
 * <p>Compiled by {@code environment/setup.sh} into {@code target/kernel-patch/}, which
 * {@code environment/kernel/launch.sh} puts ahead of the kernel jar on the class path. Same
 * binary interface as the class it replaces (constructor, {@code run}, {@code start},
 * {@code shutdown}).
 */
public final class LoopThread extends Thread {

    private static final int MAX_REPORTS = 10;

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;
    private int failures;

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
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                if (++failures <= MAX_REPORTS) {
                    System.err.println(getName() + ": one loop iteration failed, the loop goes on: " + e
                            + (failures == MAX_REPORTS ? " (further failures not reported)" : ""));
                }
            }
            try {
                Thread.sleep(sleep);
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
