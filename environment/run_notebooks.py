#!/usr/bin/env python3
"""Execute causal-heads notebooks headless on the project kernel.

Modes
  default      execute each notebook and write it back in place (outputs refreshed),
               and its README picture to notebooks/figures/; with --html DIR also write
               an HTML rendering of each into DIR.
  --check      execute a copy (the committed file is left untouched) and fail on
               any error output, any output on stderr, a code cell without output
               (cells tagged "quiet" are exempt), or a kernelspec other than the project's.

The environment variable CAUSAL_HEADS_QUICK=1 (set by --quick) asks every notebook's
parameters cell for its small CI budget.
"""
import argparse
import atexit
import copy
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL = "causal-heads"


def problems_of(nb, name):
    """Everything in an executed notebook that the tests treat as a failure."""
    found = []
    spec = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if spec != KERNEL:
        found.append(f"{name}: kernelspec is {spec!r}, expected {KERNEL!r}")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        where = f"{name} cell {index}"
        outputs = cell.get("outputs", [])
        for out in outputs:
            if out.get("output_type") == "error":
                found.append(f"{where}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"{where}: wrote to stderr: {''.join(out.get('text', ''))[:300]!r}")
        if not outputs and "quiet" not in cell.get("metadata", {}).get("tags", []):
            found.append(f"{where}: produced no output (tag the cell 'quiet' if that is intended)")
    return found


def save_figure(nb, path):
    """Write the notebook's README picture to notebooks/figures/<name>.png: the first PNG of the
    cell tagged 'readme-figure', else the notebook's first PNG."""
    import base64
    tagged = [c for c in nb.cells if "readme-figure" in c.get("metadata", {}).get("tags", [])]
    for cell in tagged + [c for c in nb.cells if c.cell_type == "code"]:
        for out in cell.get("outputs", []):
            png = out.get("data", {}).get("image/png")
            if png:
                folder = os.path.join(os.path.dirname(os.path.abspath(path)), "figures")
                os.makedirs(folder, exist_ok=True)
                name = os.path.splitext(os.path.basename(path))[0] + ".png"
                with open(os.path.join(folder, name), "wb") as f:
                    f.write(base64.b64decode(png))
                return


STARTUP_SECONDS = 20
STARTUP_ATTEMPTS = 10


def execute(path, timeout, cwd):
    """Execute a notebook on a fresh kernel.

    rapaio-jupyter-kernel 3.0.1 as published can start with a dead shell loop and never answer
    (two start-up races; environment/kernel/patch corrects them and the launcher uses the
    correction). As a second line of defence, a start that has not answered in STARTUP_SECONDS (a
    normal start answers in about 1.5 s) is abandoned and retried on a new kernel, up to
    STARTUP_ATTEMPTS times. Failures after the first cell started are never retried."""
    for attempt in range(1, STARTUP_ATTEMPTS + 1):
        nb = nbformat.read(path, as_version=4)
        spec = nb.get("metadata", {}).get("kernelspec", {}).get("name")
        if spec != KERNEL:
            raise SystemExit(f"{path}: kernelspec is {spec!r}, expected {KERNEL!r}")
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.execution_count = None
                cell.outputs = []
        client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL,
                                resources={"metadata": {"path": cwd}},
                                allow_errors=True, record_timing=False,
                                startup_timeout=STARTUP_SECONDS)
        try:
            client.execute()
            return nb
        except (RuntimeError, AssertionError, TimeoutError) as e:
            # nbclient has already shut the silent kernel down; drop its exit-time clean-up too,
            # which would otherwise fail on the kernel manager it has released
            atexit.unregister(client._cleanup_kernel)
            started = any(c.get("execution_count") for c in nb.cells if c.cell_type == "code")
            if started or attempt == STARTUP_ATTEMPTS:
                raise
            print(f"[notebooks] {os.path.basename(path)}: kernel did not start "
                  f"({type(e).__name__}: {str(e)[:120]}); retrying on a new kernel "
                  f"({attempt + 1}/{STARTUP_ATTEMPTS})", file=sys.stderr, flush=True)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", help="notebook files")
    parser.add_argument("--check", action="store_true", help="execute a copy and fail on any problem")
    parser.add_argument("--quick", action="store_true", help="set CAUSAL_HEADS_QUICK=1 (small budgets)")
    parser.add_argument("--html", metavar="DIR", help="also write an HTML rendering of each notebook")
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed per cell (default 900)")
    args = parser.parse_args(argv)

    if args.quick:
        os.environ["CAUSAL_HEADS_QUICK"] = "1"
    exporter = None
    if args.html:
        from nbconvert import HTMLExporter
        exporter = HTMLExporter()
        os.makedirs(args.html, exist_ok=True)

    failures = []
    for path in args.notebooks:
        name = os.path.basename(path)
        start = time.time()
        print(f"[notebooks] {name} ...", file=sys.stderr, flush=True)
        try:
            nb = execute(path, args.timeout, os.path.dirname(os.path.abspath(path)))
        except (CellExecutionError, CellTimeoutError, DeadKernelError, RuntimeError, AssertionError, TimeoutError) as e:
            failures.append(f"{name}: {type(e).__name__}: {str(e)[:500]}")
            print(f"[notebooks] {name} FAILED", file=sys.stderr, flush=True)
            continue
        found = problems_of(nb, name)
        failures.extend(found)
        if not args.check:
            nbformat.write(nb, path)
            save_figure(nb, path)
        if exporter is not None:
            body, _ = exporter.from_notebook_node(nb)
            html_path = os.path.join(args.html, os.path.splitext(name)[0] + ".html")
            with open(html_path, "w", encoding="utf-8") as f:
                f.write(body)
        status = "ok" if not found else f"{len(found)} problem(s)"
        print(f"[notebooks] {name} {status} in {time.time() - start:.1f} s", file=sys.stderr, flush=True)

    for f in failures:
        print(f"[notebooks] {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
