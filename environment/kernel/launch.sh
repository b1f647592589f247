#!/bin/sh
# Starts the causal-heads Java kernel (rapaio-jupyter-kernel) with the project's library on the
# classpath and the common imports run at start-up. Installed into the Jupyter kernelspec by
# environment/setup.sh, which writes the project folder below. CAUSAL_HEADS_HOME, when set,
# points the kernel at another checkout (the notebook tests use it for the clone under test).
home="${CAUSAL_HEADS_HOME:-@PROJECT_HOME@}"
jar="$home/target/kernel/rapaio-jupyter-kernel.jar"
if [ ! -f "$jar" ] || [ ! -d "$home/target/classes/org/causalheads" ]; then
  echo "causal-heads kernel: the library is not built in $home; run environment/setup.sh there" >&2
  exit 1
fi
if [ -n "$CAUSAL_HEADS_JAVA" ]; then
  java="$CAUSAL_HEADS_JAVA"
elif [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
else
  java=java
fi
RJK_CLASSPATH="$home/target/classes;$home/target/lib/*"
RJK_INIT_SCRIPT="$home/environment/init.jshell"
RJK_COMPILER_OPTIONS="${RJK_COMPILER_OPTIONS:-}"
RJK_TIMEOUT_MILLIS="${RJK_TIMEOUT_MILLIS:--1}"
RJK_MIMA_CACHE="${RJK_MIMA_CACHE:-$home/target/mima_cache}"
export RJK_CLASSPATH RJK_INIT_SCRIPT RJK_COMPILER_OPTIONS RJK_TIMEOUT_MILLIS RJK_MIMA_CACHE
# target/kernel-patch (compiled by environment/setup.sh from environment/kernel/patch) holds
# corrected copies of three kernel classes, put ahead of the kernel jar: two start-up races in its
# channel threads (LoopThread, Channels) that leave about one start in three never answering, and
# start-up scripts evaluated one snippet at a time (JavaEngine).
patch="$home/target/kernel-patch/org/rapaio/jupyter/kernel"
if [ ! -f "$patch/channels/LoopThread.class" ] || [ ! -f "$patch/channels/Channels.class" ] ||
   [ ! -f "$patch/core/java/JavaEngine.class" ]; then
  echo "causal-heads kernel: the kernel patch is not built in $home/target/kernel-patch; run environment/setup.sh there" >&2
  exit 1
fi
if [ "${CAUSAL_HEADS_KERNEL_UNPATCHED:-}" = 1 ]; then
  set -- -jar "$jar" "$@"   # the kernel as published, for measurements (start_probe.py --unpatched)
else
  set -- -cp "$home/target/kernel-patch:$jar" org.rapaio.jupyter.kernel.MainApp "$@"
fi
# The kernel does not watch its parent (ipykernel does): when the process that started it (the
# Notebook server, the headless runner) is gone, even killed with SIGKILL, a watchdog ends it.
# The watchdog itself ends with the kernel.
if [ -n "${JPY_PARENT_PID:-}" ] && [ "$JPY_PARENT_PID" != 1 ]; then
  kernel_pid=$$
  (
    trap '' INT
    while kill -0 "$kernel_pid" 2>/dev/null; do
      if ! kill -0 "$JPY_PARENT_PID" 2>/dev/null; then
        echo "causal-heads kernel: parent process $JPY_PARENT_PID is gone; ending the kernel" >&2
        kill -TERM "$kernel_pid" 2>/dev/null
        sleep 5
        kill -KILL "$kernel_pid" 2>/dev/null
        exit 0
      fi
      sleep 1
    done
  ) </dev/null >/dev/null 2>>"${CAUSAL_HEADS_KERNEL_LOG:-/dev/stderr}" &
fi
# The kernel logs its protocol traffic; headless runs send it to a file instead of the terminal.
if [ -n "$CAUSAL_HEADS_KERNEL_LOG" ]; then
  exec "$java" -Djava.awt.headless=true -Xss4m "$@" >>"$CAUSAL_HEADS_KERNEL_LOG" 2>&1
fi
exec "$java" -Djava.awt.headless=true -Xss4m "$@"
