#!/usr/bin/env python3
"""Start the causal-heads kernel as the Notebook server does, N times, and count the answers.

    $(cat target/python-path) environment/kernel/start_probe.py [-n N] [--load K] [--unpatched]

Each start launches the "causal-heads" kernelspec through jupyter_client, sends ONE
kernel_info_request at once and waits up to 60 s for its reply, never resending: Notebook 6.4
sends the request once when a browser opens the kernel and waits 60 s, so a kernel that loses
its first request leaves the page on "Kernel starting, please wait..." for a minute. The kernel
is shut down after each try.

  -n N          number of starts (default 20)
  --load K      keep K busy-looping processes running during the probe (2 keeps both cores of a
                2-core machine busy; default 0)
  --unpatched   start the kernel jar as published, without environment/kernel/patch
  --timeout S   seconds to wait for the reply (default 60, as the Notebook server)

Prints one line per start and "answered A/N, median M s, max X s to the reply". Exit status 1 if
any start went unanswered. A measurement, not a test: the races it looks for depend on
scheduling. Kernel logs go to target/kernel-logs/start-probe.log. The kernelspec used is a private
copy written for this checkout (environment/kernel/write_spec.sh, found first through
JUPYTER_PATH), so the probe measures this checkout whatever kernelspec the user has installed.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def private_kernelspec():
    """A temporary Jupyter data dir holding this checkout's causal-heads kernelspec, put first on
    JUPYTER_PATH; returns the directory (the caller removes it)."""
    tmp = tempfile.mkdtemp(prefix="causal-heads-spec-")
    subprocess.run(["sh", os.path.join(HOME, "environment", "kernel", "write_spec.sh"),
                    os.path.join(tmp, "kernels", "causal-heads"), HOME], check=True)
    os.environ["JUPYTER_PATH"] = tmp + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    return tmp


def one_start(timeout, env):
    """Seconds from launch to the kernel_info reply, or None if none came within timeout."""
    from jupyter_client import KernelManager
    km = KernelManager(kernel_name="causal-heads")
    start = time.monotonic()
    km.start_kernel(env=env)
    kc = km.client()
    kc.start_channels()
    try:
        msg_id = kc.kernel_info()  # sent once, never again
        deadline = start + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                reply = kc.get_shell_msg(timeout=left)
            except Exception:  # queue.Empty: no reply in time
                return None
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                return time.monotonic() - start
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--load", type=int, default=0, metavar="K")
    parser.add_argument("--unpatched", action="store_true")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    if args.n < 1 or args.load < 0:
        parser.error(f"-n must be at least 1 and --load at least 0 (got -n {args.n}, --load {args.load})")

    os.makedirs(os.path.join(HOME, "target", "kernel-logs"), exist_ok=True)
    env = {**os.environ, "CAUSAL_HEADS_HOME": HOME,
           "CAUSAL_HEADS_KERNEL_LOG": os.path.join(HOME, "target", "kernel-logs", "start-probe.log")}
    if args.unpatched:
        env["CAUSAL_HEADS_KERNEL_UNPATCHED"] = "1"
    spec_dir = private_kernelspec()
    load = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.load)]
    seconds, silent = [], 0
    try:
        for i in range(1, args.n + 1):
            t = one_start(args.timeout, env)
            if t is None:
                silent += 1
                print(f"start {i}: no reply in {args.timeout:.0f} s", flush=True)
            else:
                seconds.append(t)
                print(f"start {i}: reply in {t:.2f} s", flush=True)
    finally:
        for p in load:
            p.kill()
            p.wait()
        shutil.rmtree(spec_dir, ignore_errors=True)
    kind = "unpatched" if args.unpatched else "patched"
    if seconds:
        print(f"answered {len(seconds)}/{args.n} ({kind}, {args.load} load process(es)), "
              f"median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s to the reply")
    else:
        print(f"answered 0/{args.n} ({kind}, {args.load} load process(es))")
    return 0 if silent == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
