#!/usr/bin/env python3
"""Start the causal-heads kernel N times and count the starts that never answer.

    environment/kernel/start_probe.py [N]        (after environment/setup.sh; default N = 20)

Each start gets 15 s to answer kernel_info (a healthy start answers in about 1.5 s); the kernel is
shut down after each try. Prints one line per start and a summary. A measurement, not a test:
the start-up races it looks for depend on scheduling, so run it on a busy machine too.
"""
import os
import sys
import time

from jupyter_client import KernelManager

TIMEOUT = 15


def main(argv):
    n = int(argv[0]) if argv else 20
    answered, silent, seconds = 0, 0, []
    for i in range(n):
        km = KernelManager(kernel_name="causal-heads")
        start = time.time()
        km.start_kernel(env={**os.environ, "CAUSAL_HEADS_KERNEL_LOG": os.devnull})
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=TIMEOUT)
            answered += 1
            seconds.append(time.time() - start)
            print(f"start {i + 1}: answered in {seconds[-1]:.1f} s", flush=True)
        except RuntimeError:
            silent += 1
            print(f"start {i + 1}: no answer in {TIMEOUT} s", flush=True)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    mean = sum(seconds) / len(seconds) if seconds else float("nan")
    print(f"{answered} of {n} starts answered (mean {mean:.1f} s), {silent} never did")
    return 0 if silent == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
