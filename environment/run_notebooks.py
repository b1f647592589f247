#!/usr/bin/env python3
"""Execute causal-heads notebooks headless on the project kernel.

Modes
  (default)    full mode: execute each notebook and, if it ran cleanly, write it back in place
               (outputs refreshed) and its README picture to notebooks/figures/.
  --quick      small CI budgets (CAUSAL_HEADS_QUICK=1). Never writes in place: the executed
               copies go to --out (default target/notebooks-quick/).
  --check      execute and write nothing; fail on any problem.
  --out DIR    write executed copies to DIR instead of in place.
  --html DIR   also write an HTML rendering of each notebook (titled by its first heading) to DIR.
  -p KEY=VALUE, --params FILE, --grid
               parameterised copies (environment/parameters.py): one override, a table of parameter
               sets, or the sets each notebook declares in its metadata (causal_heads.grid); a
               summary CSV per notebook for a table or a grid.
  --jobs N     execute up to N notebooks at once (each on its own kernel; default 1).
  --prepare    with -p, --params or --grid: write the parameterised copies, unexecuted (their
               committed outputs kept), to --out (default target/notebooks-params/) and start
               no kernel; one line per copy on stdout, its path. For running the copies on
               another engine (the test suite runs the grids in bare JShells this way).

A notebook fails on an error output, output on stderr, a code cell without output (cells tagged
"quiet" are exempt), a kernelspec other than the project's, or a kernel that dies or does not
answer. Failures name the cell as a reader sees it (In [n] and its first line) with the kernel's
diagnostic; a notebook that failed is never written in place (its executed copy goes to
target/notebooks-failed/). Ctrl-C or SIGTERM stops the whole run and shuts the kernel down.
"""
import argparse
import os
import re
import signal
import sys
import time

HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL = "causal-heads"
STARTUP_SECONDS = 60  # as Notebook 6.4 waits for the first kernel_info reply
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


def plain(text):
    """Text without ANSI colour codes."""
    return ANSI.sub("", text)


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:100]
    return ""


def cell_name(cell, index):
    """A cell as a reader finds it: its In [n] prompt and first line."""
    n = cell.get("execution_count")
    prompt = f"In [{n}]" if n else f"cell {index + 1}"
    return f"{prompt} `{first_line(cell.get('source', ''))}`"


def error_text(out, max_lines=12):
    """An error output as one readable block: exception name and value, then the kernel's
    traceback (which carries the compiler's diagnostics for a compile error), colour removed."""
    head = f"{out.get('ename', '')}: {out.get('evalue', '')}".strip(": ")
    lines = []
    for chunk in out.get("traceback", []):
        lines.extend(l.rstrip() for l in plain(chunk).splitlines() if l.strip())
    lines = [l for l in lines if l.strip() != head][:max_lines]
    return head + ("".join("\n      " + l for l in lines) if lines else "")


def problems_of(nb, name):
    """Everything in an executed notebook that the tests treat as a failure."""
    found = []
    spec = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if spec != KERNEL:
        found.append(f"{name}: kernelspec is {spec!r}, expected {KERNEL!r}")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        where = f"{name} {cell_name(cell, index)}"
        outputs = cell.get("outputs", [])
        for out in outputs:
            if out.get("output_type") == "error":
                found.append(f"{where}: {error_text(out)}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"{where}: wrote to stderr: {plain(''.join(out.get('text', '')))[:300]!r}")
        if not outputs and "quiet" not in cell.get("metadata", {}).get("tags", []):
            found.append(f"{where}: produced no output (tag the cell 'quiet' if that is intended)")
    return found


def title_of(nb, path):
    """The notebook's title: its first markdown heading, else its file name."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = re.match(r"\s*#+\s+(.*\S)", line)
                if m:
                    return re.sub(r"[*_`]", "", m.group(1))
    return os.path.splitext(os.path.basename(path))[0]


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


CURRENT = {}  # the client executing now, for the signal handler
CHILDREN = []  # worker processes of a --jobs run, ended with the run


def kernel_pid(client):
    km = getattr(client, "km", None)
    process = getattr(getattr(km, "provisioner", None), "process", None) or getattr(km, "kernel", None)
    return getattr(process, "pid", None)


def stop(signum, _frame):
    """Ctrl-C (SIGINT) or SIGTERM: end the kernel's process group (the kernel runs in a session
    of its own, so a terminal's Ctrl-C does not reach it), say so, and exit at once."""
    pid = kernel_pid(CURRENT.get("client"))
    for child in CHILDREN:
        try:
            os.kill(child, signal.SIGTERM)   # each worker ends its own kernel
        except OSError:
            pass
    if pid:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    name = signal.Signals(signum).name
    print(f"\n[notebooks] {name}: run stopped{' and its kernel ended' if pid else ''}; nothing more was written",
          file=sys.stderr, flush=True)
    os._exit(130 if signum == signal.SIGINT else 143)


class Failure(Exception):
    """A notebook that did not run to the end; the message names where and why."""


def execute(path, timeout, kernel_log, nb=None, name=None):
    """Execute a notebook (read from path, or nb when given) on a fresh kernel; return the executed
    notebook, or raise Failure (with the partly executed notebook as .nb) naming the cell that
    failed."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    if nb is None:
        nb = nbformat.read(path, as_version=4)
    name = name or os.path.basename(path)
    spec = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if spec != KERNEL:
        raise Failure(f"{name}: kernelspec is {spec!r}, expected {KERNEL!r}")
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.execution_count = None
            cell.outputs = []
    running = {}

    def take_signals(**_):
        # nbclient puts handlers of its own on its event loop that shut the kernel down and let
        # the run go on with the next notebook; these stop the whole run instead
        import asyncio
        loop = asyncio.get_event_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop, sig, None)

    def on_cell_execute(cell, cell_index, **_):
        running["cell"], running["index"] = cell, cell_index
        take_signals()

    client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
                            allow_errors=False, record_timing=False, startup_timeout=STARTUP_SECONDS,
                            on_notebook_start=take_signals, on_cell_execute=on_cell_execute)
    log_hint = f" (kernel log: {kernel_log})" if kernel_log else ""
    CURRENT["client"] = client
    try:
        client.execute()
        return nb
    except CellExecutionError:
        cell, index = running["cell"], running["index"]
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        why = error_text(errors[0]) if errors else "the kernel reported an error"
        failure = Failure(f"{name} {cell_name(cell, index)} failed: {why}")
    except DeadKernelError:
        if "cell" in running:
            cell, index = running["cell"], running["index"]
            failure = Failure(f"{name} {cell_name(cell, index)}: the kernel died while running this cell "
                              f"(System.exit, or the JVM crashed){log_hint}")
        else:
            failure = Failure(f"{name}: the kernel died before the first cell{log_hint}")
    except CellTimeoutError:
        cell, index = running["cell"], running["index"]
        failure = Failure(f"{name} {cell_name(cell, index)}: still running after {timeout} s (--timeout)")
    except (RuntimeError, TimeoutError) as e:
        if "cell" in running:
            raise
        failure = Failure(f"{name}: the kernel did not start or did not answer within {STARTUP_SECONDS} s "
                          f"({type(e).__name__}: {plain(str(e))[:200]}){log_hint}")
    failure.nb = nb
    raise failure


def report_checks(nb, name, summaries, path, set_name, raw, seconds, status, failure=""):
    """Print the notebook's check results (one line per check cell) and keep them for the
    summary CSV of a batch run, with the first failure (a failed check's message, else the run's)."""
    import parameters
    results = parameters.check_results(nb)
    for index, state, text in results:
        print(f"[notebooks]   {name} {state:7s} {cell_name(nb.cells[index], index)}" + (f": {text[:300]}" if text else ""),
              file=sys.stderr, flush=True)
    failed = [f"{cell_name(nb.cells[i], i)}: {text}" for i, state, text in results if state == "failed"]
    first = failed[0] if failed else failure
    summaries.setdefault(path, []).append((set_name, raw, results, seconds, status, nb, " ".join(first.split())))


def write_summaries(summaries, out):
    """One CSV per notebook of a batch run: set, its parameters, each check's result, wall time."""
    import csv
    os.makedirs(out, exist_ok=True)
    for path, rows in summaries.items():
        stem = os.path.splitext(os.path.basename(path))[0]
        first = rows[0][5]
        checks = [f"check {first_line(first.cells[i].source)[:60]} (cell {i + 1})" for i, _, _ in rows[0][2]]
        file = os.path.join(out, stem + ".summary.csv")
        with open(file, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["set", "parameters", "status"] + checks + ["seconds", "failure"])
            for set_name, raw, results, seconds, status, _, failure in rows:
                w.writerow([set_name, "; ".join(f"{k}={v}" for k, v in raw.items()), status]
                           + [state for _, state, _ in results] + [f"{seconds:.1f}", failure])
        print(f"[notebooks] summary of {len(rows)} parameter set(s): {os.path.relpath(file)}", file=sys.stderr)


def run_one(path, set_name, raw, prepared, timeout, kernel_log):
    """Execute one job; returns (name, stem, executed notebook or None, failure message or None,
    problems found, seconds)."""
    stem = os.path.splitext(os.path.basename(path))[0] + (f".{set_name}" if set_name else "")
    name = stem + ".ipynb"
    start = time.time()
    shown = "" if not raw else " with " + ", ".join(f"{k}={v}" for k, v in raw.items())
    print(f"[notebooks] {name}{shown} ...", file=sys.stderr, flush=True)
    try:
        nb = execute(path, timeout, kernel_log, nb=prepared, name=name)
    except Failure as e:
        return name, stem, getattr(e, "nb", None), str(e), [], time.time() - start
    return name, stem, nb, None, problems_of(nb, name), time.time() - start


def run_one_in_worker(job, timeout, kernel_log):
    """run_one in a worker process of a --jobs run: the notebook travels back as JSON text."""
    import nbformat
    name, stem, nb, failure, found, seconds = run_one(*job, timeout, kernel_log)
    state = "FAILED" if failure else "ok" if not found else f"{len(found)} problem(s)"
    print(f"[notebooks] {name} finished ({state}) in {seconds:.1f} s", file=sys.stderr, flush=True)
    return name, stem, None if nb is None else nbformat.writes(nb), failure, found, seconds


def run_jobs(jobs, args, kernel_log):
    """Execute every job, in order or (--jobs N > 1) up to N at once in worker processes, each
    with its own kernel; results in the order of the jobs."""
    if args.jobs == 1 or len(jobs) < 2:
        return [run_one(*job, args.timeout, kernel_log) for job in jobs]
    import multiprocessing
    import nbformat
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(max_workers=min(args.jobs, len(jobs)), mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(run_one_in_worker, job, args.timeout, kernel_log) for job in jobs]
        CHILDREN.extend(getattr(pool, "_processes", {}) or {})
        results = []
        for future in futures:
            name, stem, text, failure, found, seconds = future.result()
            CHILDREN[:] = list(getattr(pool, "_processes", {}) or {})
            results.append((name, stem, None if text is None else nbformat.reads(text, as_version=4), failure, found, seconds))
    return results


def kernelspec_missing():
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
        return None
    except NoSuchKernel:
        return f"the Jupyter kernelspec {KERNEL!r} is not installed (run environment/setup.sh)"


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", help="notebook files")
    parser.add_argument("--check", action="store_true", help="execute and write nothing; fail on any problem")
    parser.add_argument("--quick", action="store_true", help="small budgets (CAUSAL_HEADS_QUICK=1); never in place")
    parser.add_argument("--out", metavar="DIR", help="write executed copies to DIR instead of in place")
    parser.add_argument("--html", metavar="DIR", help="also write an HTML rendering of each notebook")
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed per cell (default 900)")
    parser.add_argument("-p", "--param", action="append", default=[], metavar="KEY=VALUE",
                        help="override a parameter (a Java literal of its declared type); executes a copy")
    parser.add_argument("--params", metavar="FILE",
                        help="a CSV or JSON table of parameter sets: one executed copy per set and a summary CSV")
    parser.add_argument("--grid", action="store_true",
                        help="run the parameter sets each notebook declares in its metadata (causal_heads.grid); "
                             "notebooks without a grid are skipped; a summary CSV per notebook")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="execute up to N notebooks at once, each on its own kernel (default 1)")
    parser.add_argument("--prepare", action="store_true",
                        help="with -p, --params or --grid: write the parameterised copies unexecuted to --out and "
                             "print their paths; no kernel starts")
    parser.add_argument("--site", action="store_true",
                        help="after a clean run, rebuild the reading site target/site/ (environment/site.py)")
    args = parser.parse_args(argv)

    for path in args.notebooks:
        if not (os.path.isfile(path) and path.endswith(".ipynb")):
            print(f"error: no notebook file {path!r} (expected an existing .ipynb file)", file=sys.stderr)
            return 2
    missing = kernelspec_missing()
    if missing:
        print(f"error: {missing}", file=sys.stderr)
        return 2
    # parameter sets, checked against every notebook before any kernel starts
    if args.jobs < 1:
        print(f"error: --jobs {args.jobs}: expected a whole number of at least 1", file=sys.stderr)
        return 2
    import parameters
    try:
        if sum(map(bool, (args.param, args.params, args.grid))) > 1:
            raise parameters.ParameterError("-p, --params and --grid exclude each other (put the fixed values in the table)")
        sets = (parameters.read_table(args.params) if args.params else
                [(None, parameters.parse_overrides(args.param))] if args.param else [(None, None)])
        jobs = []
        import nbformat
        for path in args.notebooks:
            if args.grid:
                sets = parameters.grid_of(nbformat.read(path, as_version=4), path)
                if not sets:
                    print(f"[notebooks] {os.path.basename(path)}: no grid in its metadata (causal_heads.grid), skipped",
                          file=sys.stderr, flush=True)
            for set_name, raw in sets:
                nb = None
                if raw is not None:
                    nb = nbformat.read(path, as_version=4)
                    try:
                        raw_checked = parameters.inject(nb, raw)
                    except parameters.ParameterError as e:
                        where = f"{os.path.basename(path)}" + (f", set {set_name}" if set_name else "")
                        raise parameters.ParameterError(f"{where}: {e}")
                    nb.metadata.setdefault("causal_heads", {})["parameters"] = raw_checked
                jobs.append((path, set_name, raw, nb))
    except parameters.ParameterError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    parameterised = bool(args.param or args.params or args.grid)
    if args.prepare:
        if not parameterised:
            print("error: --prepare writes parameterised copies: give -p, --params or --grid", file=sys.stderr)
            return 2
        if args.check:
            print("error: --prepare writes copies and --check writes nothing: choose one", file=sys.stderr)
            return 2
        out = args.out or os.path.join(HOME, "target", "notebooks-params")
        os.makedirs(out, exist_ok=True)
        for path, set_name, raw, nb in jobs:
            if nb is None:
                continue
            stem = os.path.splitext(os.path.basename(path))[0] + (f".{set_name}" if set_name else "")
            copy = os.path.join(out, stem + ".ipynb")
            nbformat.write(nb, copy)
            print(copy, flush=True)
        return 0
    if parameterised and not args.check and not args.out:
        args.out = os.path.join(HOME, "target", "notebooks-params")
    if args.quick:
        os.environ["CAUSAL_HEADS_QUICK"] = "1"
        if not args.check and not args.out:
            args.out = os.path.join(HOME, "target", "notebooks-quick")
    in_place = not args.check and not args.out
    if args.check:
        args.out = None
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    kernel_log = os.environ.get("CAUSAL_HEADS_KERNEL_LOG")

    exporter = None
    if args.html:
        from nbconvert import HTMLExporter
        exporter = HTMLExporter()
        os.makedirs(args.html, exist_ok=True)

    failures = []
    summaries = {}
    outcomes = run_jobs(jobs, args, kernel_log)
    for (path, set_name, raw, _), (name, stem, nb, failure, found, seconds) in zip(jobs, outcomes):
        import nbformat
        if failure is not None:
            if parameterised and nb is not None:
                report_checks(nb, name, summaries, path, set_name, raw, seconds, "failed", failure)
            failures.append(failure)
            if nb is not None:
                folder = os.path.join(HOME, "target", "notebooks-failed")
                os.makedirs(folder, exist_ok=True)
                nbformat.write(nb, os.path.join(folder, name))
            print(f"[notebooks] {name} FAILED after {seconds:.1f} s: {failure}", file=sys.stderr, flush=True)
            continue
        failures.extend(found)
        if found:
            folder = os.path.join(HOME, "target", "notebooks-failed")
            os.makedirs(folder, exist_ok=True)
            nbformat.write(nb, os.path.join(folder, name))
        elif in_place:
            nbformat.write(nb, path)
            save_figure(nb, path)
        elif args.out:
            os.makedirs(args.out, exist_ok=True)
            nbformat.write(nb, os.path.join(args.out, name))
        if exporter is not None:
            body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title_of(nb, path)}})
            with open(os.path.join(args.html, stem + ".html"), "w", encoding="utf-8") as f:
                f.write(body)
        status = "ok" if not found else f"{len(found)} problem(s)"
        print(f"[notebooks] {name} {status} in {seconds:.1f} s", file=sys.stderr, flush=True)
        if parameterised:
            report_checks(nb, name, summaries, path, set_name, raw, seconds, "ok" if not found else "problems",
                          found[0] if found else "")
    if (args.params or args.grid) and args.out:
        write_summaries(summaries, args.out)

    for f in failures:
        print(f"[notebooks] {f}", file=sys.stderr)
    where = ("checked, nothing written" if args.check else
             f"written to {os.path.relpath(args.out)}" if args.out else "written in place")
    if args.html and not args.check:
        where += f", HTML in {os.path.relpath(args.html)}"
    n = len(jobs)
    if failures:
        print(f"[notebooks] FAILED: {len(failures)} problem(s) in {n} notebook(s); failed notebooks are "
              f"not written in place (executed copies in target/notebooks-failed/)", file=sys.stderr)
    else:
        print(f"[notebooks] {n} notebook(s) ok ({'quick' if args.quick else 'full'} mode; {where})", file=sys.stderr)
        if args.site:
            import subprocess
            site = subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "site.py")])
            if site.returncode != 0:
                return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
