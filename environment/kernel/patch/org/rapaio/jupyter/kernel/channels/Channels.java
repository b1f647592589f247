/*
 * Upstream origin: padreati/rapaio-jupyter-kernel (https://github.com/padreati/rapaio-jupyter-kernel),
 *   file rapaio-jupyter-kernel/src/org/rapaio/jupyter/kernel/channels/Channels.java,
 *   version 3.0.1 as published on Maven Central (io.github.padreati:rapaio-jupyter-kernel:3.0.1,
 *   sources jar). Patched for upstream version: 3.0.1
 * Licence: MIT (declared in the parent pom io.github.padreati:rapaio-jupyter:3.0.1);
 *   copyright Aurelian Tutuianu and contributors. This modified copy is under the same licence.
 * Upstream change that introduced the race: not identified. The same order (bind the channels,
 *   which starts their loops, then fill the handler table) is already in the 2.x sources
 *   (commit a303a5f, rapaio-jupyter-kernel/src/java/org/rapaio/jupyter/kernel/channels/Channels.java),
 *   so the race is at least as old as that line; no upstream issue or fix naming it was found.
 * Changes from 3.0.1: only connect(...) (handlers before loops) and the handlers field (volatile,
 *   immutable); the org.zeromq import names the package as relocated in the published shaded jar.
 */
package org.rapaio.jupyter.kernel.channels;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Stack;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;
import org.rapaio.org.zeromq.ZMQ; // org.zeromq.ZMQ in the sources; relocated so in the published (shaded) jar

@SuppressWarnings( {"unchecked", "rawtypes"})
public final class Channels {

    private final ConnectionProperties connProps;

    private final ZMQ.Context ctx;

    private final HeartbeatChannel heartbeat;
    private final ShellChannel shell;
    private final ControlChannel control;
    private final StdinChannel stdin;
    private final IOPubChannel iopub;

    private final Set<AbstractChannel> channels;
    private final Stack<Runnable> afterActions = new Stack<>();

    private volatile Map<MessageType<?>, MessageHandler> handlers = Map.of();
    private MessageId<?> msgId;

    private boolean isConnected = false;
    private boolean requestShutdown = false;

    public Channels(ConnectionProperties connProps) throws NoSuchAlgorithmException, InvalidKeyException {
        this.connProps = connProps;
        ctx = ZMQ.context(1);

        HMACDigest hmacDigest = connProps.createHMACDigest();

        heartbeat = new HeartbeatChannel(this, ctx, hmacDigest);
        shell = new ShellChannel(this, ctx, hmacDigest, this);
        control = new ControlChannel(this, ctx, hmacDigest);
        stdin = new StdinChannel(this, ctx, hmacDigest);
        iopub = new IOPubChannel(this, ctx, hmacDigest);

        channels = Set.of(heartbeat, shell, control, stdin, iopub);
    }

    public void connect(RapaioKernel kernel) {
        if (!isConnected) {
            // Changed from 3.0.1, which bound the channels first (bind starts each channel's
            // message loop) and filled the handler table afterwards: a request read in between
            // found no table ("this.handlers" is null) or a half-filled one ("Unhandled message:
            // kernel_info_request") and was lost. Here the kernel and the complete, immutable
            // table are in place before any loop starts; Thread.start() publishes them to the loops.
            kernel.registerChannels(this);
            Map<MessageType<?>, MessageHandler> table = new HashMap<>();
            table.put(MessageType.SHELL_EXECUTE_REQUEST, kernel::handleExecuteRequest);
            table.put(MessageType.SHELL_INSPECT_REQUEST, kernel::handleInspectRequest);
            table.put(MessageType.SHELL_COMPLETE_REQUEST, kernel::handleCompleteRequest);
            table.put(MessageType.SHELL_HISTORY_REQUEST, kernel::handleHistoryRequest);
            table.put(MessageType.SHELL_IS_COMPLETE_REQUEST, kernel::handleIsCompleteRequest);
            table.put(MessageType.SHELL_KERNEL_INFO_REQUEST, kernel::handleKernelInfoRequest);
            table.put(MessageType.CONTROL_SHUTDOWN_REQUEST, kernel::handleShutdownRequest);
            table.put(MessageType.CONTROL_INTERRUPT_REQUEST, kernel::handleInterruptRequest);
            table.put(MessageType.CUSTOM_COMM_OPEN, kernel::handleCommOpenCommand);
            table.put(MessageType.CUSTOM_COMM_MSG, kernel::handleCommMsgCommand);
            table.put(MessageType.CUSTOM_COMM_CLOSE, kernel::handleCommCloseCommand);
            table.put(MessageType.SHELL_COMM_INFO_REQUEST, kernel::handleCommInfoRequest);
            handlers = Map.copyOf(table);

            // iopub first, so that "starting" goes out before a loop can publish anything else
            iopub.bind(connProps);
            iopub.sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
            channels.stream().filter(c -> c != iopub).forEach(c -> c.bind(connProps));
            isConnected = true;
        }
    }

    public <T> MessageHandler<T> getHandler(MessageType<T> type) {
        return handlers.get(type);
    }

    public void close() {
        channels.forEach(AbstractChannel::close);
        ctx.close();
    }

    public void joinUntilClose() {
        channels.forEach(AbstractChannel::joinUntilClose);
    }

    public boolean hasMsgId() {
        return msgId != null;
    }

    public void setMsgId(MessageId<?> msgId) {
        this.msgId = msgId;
    }

    public void freeMsgId() {
        this.msgId = null;
    }

    public void markForShutdown() {
        requestShutdown = true;
    }

    public boolean isMarkedForShutdown() {
        return requestShutdown;
    }

    public void writeToStdOut(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.OUT, msg));
    }

    public void writeToStdErr(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.ERR, msg));
    }

    public String readFromStdIn() {
        return stdin.getInput(msgId, "", false);
    }

    public <T extends ContentType<T>> void publish(T content) {
        iopub.sendMessage(new Message<>(msgId, content.type(), content));
    }

    public <T extends ContentType<T>> void reply(T content) {
        shell.sendMessage(new Message<>(msgId, content.type(), content));
    }

    public void replyError(MessageType<?> type, ErrorReply error) {
        shell.sendMessage(new Message(msgId, type, error));
    }

    public void scheduleAfter(Runnable action) {
        afterActions.push(action);
    }

    public void runAfterActions() {
        while (!afterActions.isEmpty()) {
            afterActions.pop().run();
        }
    }

    public void busyThenIdle() {
        publish(IOPubStatus.BUSY);
        scheduleAfter(() -> publish(IOPubStatus.IDLE));
    }
}
