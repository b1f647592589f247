#!/usr/bin/env python3
"""Classroom assignments on the causal-heads notebooks: release student copies, grade submissions.

  release [NAME...]            write the student version of each assignment (all by default) to
                               --out (default target/release/): every solution region
                               (// BEGIN SOLUTION ... // END SOLUTION) becomes a stub that compiles
                               and throws UnsupportedOperationException("not implemented"), every
                               hidden-test region (// BEGIN HIDDEN TESTS ... // END HIDDEN TESTS)
                               and every output is removed. The sources are not touched.
  grade SUBMISSION.ipynb...    execute each submission headless on the project kernel, cell by cell,
                               with the locked cells (set-up and tests, hidden tests included)
                               restored from the source assignment, and write under --out (default
                               target/grades/) one report per submission (<id>.json, <id>.txt) and
                               the class summary summary.csv.

The files follow nbgrader's conventions (cell metadata "nbgrader": grade, grade_id, points,
solution, locked, schema_version 3), so a teacher with nbgrader can use them as they are.

Scoring. An autograded exercise is a test cell (grade and locked) with its points; its section is
the cells after the previous test cell up to it (the student's solution cells among them). It
scores its points when every cell of its section ran without an error, and zero when a cell of
the section failed (the failing check's message is reported), ran out of time (--timeout seconds
per cell), ended the kernel (System.exit), or when a locked code cell of the section was edited or
deleted (the set-up cells before the first exercise count for every exercise; locked text cells
are restored without penalty). The set-up cells are
replayed before every test cell, so that a student cell redefining a helper or a variable (JShell
allows redefinition) cannot change what a test sees. After a kernel death
or time-out the kernel is restarted and the cells that ran cleanly before are replayed, so the
remaining exercises are still graded. Written answers (grade, not locked, solution) are listed
with their points and graded by hand with the rubric in the cell's metadata
(causal_heads.rubric) or the teacher's notes of the source notebook.
"""
import argparse
import csv
import hashlib
import json
import os
import re
import sys
import time

HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(HOME, "notebooks", "assignments")
KERNEL = "causal-heads"
STUB = 'throw new UnsupportedOperationException("not implemented");'
SOLUTION = re.compile(r"^([ \t]*)//\s*BEGIN SOLUTION\b.*?^[ \t]*//\s*END SOLUTION\b[^\n]*(\n|$)", re.M | re.S)
HIDDEN = re.compile(r"^[ \t]*//\s*BEGIN HIDDEN TESTS\b.*?^[ \t]*//\s*END HIDDEN TESTS\b[^\n]*(\n|$)", re.M | re.S)
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


class BadInput(Exception):
    """Input the command refuses: one line, exit status 2."""


def meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def is_test(cell):
    m = meta(cell)
    return cell.cell_type == "code" and m.get("grade") and m.get("locked") and not m.get("solution")


def is_written(cell):
    m = meta(cell)
    return m.get("grade") and m.get("solution")


def release_source(text):
    """A cell's source as students see it: solution regions stubbed, hidden tests removed."""
    text = SOLUTION.sub(lambda m: m.group(1) + STUB + m.group(2), text)
    return HIDDEN.sub("", text)


def checksum(text):
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def read_notebook(path):
    import nbformat
    if not os.path.isfile(path):
        raise BadInput(f"no file {path!r} (expected a notebook .ipynb file)")
    try:
        return nbformat.read(path, as_version=4)
    except Exception as e:  # nbformat raises several kinds for JSON and schema problems
        raise BadInput(f"{path!r} is not a Jupyter notebook ({type(e).__name__}: {str(e).splitlines()[0][:120]})")


def sources():
    """Assignment name -> path of its source notebook."""
    if not os.path.isdir(SOURCES):
        return {}
    return {os.path.splitext(f)[0]: os.path.join(SOURCES, f)
            for f in sorted(os.listdir(SOURCES)) if f.endswith(".ipynb")}


def assignment_of(nb, path, known):
    """The source assignment a submission belongs to: its metadata, else its grade ids."""
    name = nb.get("metadata", {}).get("causal_heads", {}).get("assignment")
    if name in known:
        return name
    ids = {meta(c).get("grade_id") for c in nb.cells} - {None}
    for candidate, source in known.items():
        src_ids = {meta(c).get("grade_id") for c in read_notebook(source).cells} - {None}
        if ids and ids <= src_ids:
            return candidate
    raise BadInput(f"{path!r} is not a submission of a known assignment "
                   f"(expected one of: {', '.join(known) or 'none found in notebooks/assignments/'})")


# ---------------------------------------------------------------- release

def release(names, out):
    import nbformat
    known = sources()
    for n in names:
        if os.path.splitext(os.path.basename(n))[0] not in known:
            raise BadInput(f"unknown assignment {n!r} (expected one of: {', '.join(known)})")
    chosen = [os.path.splitext(os.path.basename(n))[0] for n in names] or list(known)
    os.makedirs(out, exist_ok=True)
    for name in chosen:
        nb = read_notebook(known[name])
        for cell in nb.cells:
            cell.source = release_source(cell.source)
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("causal_heads", None)     # rubrics stay with the teacher
            if "nbgrader" in cell.metadata and cell.metadata["nbgrader"].get("locked"):
                cell.metadata["nbgrader"]["checksum"] = checksum(cell.source)
        nb.cells = [c for c in nb.cells if "teacher" not in c.metadata.get("tags", [])]
        nb.metadata.setdefault("causal_heads", {})["assignment"] = name
        target = os.path.join(out, name + ".ipynb")
        nbformat.write(nb, target)
        print(f"[assignments] released {name} -> {os.path.relpath(target)}", file=sys.stderr)
    return 0


# ---------------------------------------------------------------- grade

def merge(source, sub):
    """The notebook to execute: the submission's cells in its order, every locked cell replaced
    by the source's (hidden tests restored), a deleted locked cell put back after its source
    predecessor. Returns (notebook, {grade_id of an edited or deleted locked cell})."""
    import copy
    src_by_id = {meta(c)["grade_id"]: c for c in source.cells if meta(c).get("grade_id")}
    edited = set()
    cells, seen = [], set()
    for cell in sub.cells:
        gid = meta(cell).get("grade_id")
        if gid in src_by_id and gid not in seen:
            seen.add(gid)
            src = src_by_id[gid]
            if meta(src).get("locked"):
                # an edited locked code cell costs its exercise; locked text is simply restored
                if src.cell_type == "code" and cell.source.strip() not in (release_source(src.source).strip(), src.source.strip()):
                    edited.add(gid)
                cell = copy.deepcopy(src)
            else:
                cell = copy.deepcopy(cell)
                cell.metadata["nbgrader"] = copy.deepcopy(meta(src))   # a student cannot re-label a cell
        else:
            cell = copy.deepcopy(cell)
            cell.metadata.pop("nbgrader", None)   # a student's own cell grades nothing
        cells.append(cell)
    # put back locked cells the submission lost, after the cell that precedes them in the source
    previous = None
    for src in source.cells:
        gid = meta(src).get("grade_id")
        if gid and gid not in seen:
            if meta(src).get("locked") and src.cell_type == "code":
                edited.add(gid)
            at = 0
            if previous is not None:
                at = next((k + 1 for k, c in enumerate(cells) if meta(c).get("grade_id") == previous), len(cells))
            cells.insert(at, copy.deepcopy(src))
            if not meta(src).get("locked") and src.cell_type == "code":   # a lost solution cell: the stub
                cells[at].source = release_source(src.source)
            seen.add(gid)
        if gid:
            previous = gid
    nb = copy.deepcopy(source)
    nb.cells = cells
    return nb, edited


def sections(cells):
    """For each autograded test cell, the indices of its section."""
    out, start = [], 0
    for k, cell in enumerate(cells):
        if is_test(cell):
            out.append((k, list(range(start, k + 1))))
            start = k + 1
    return out


def error_message(outputs):
    for o in outputs:
        if o.get("output_type") == "error":
            head = f"{o.get('ename', '')}: {o.get('evalue', '')}".strip(": ")
            lines = [ANSI.sub("", l).strip() for chunk in o.get("traceback", []) for l in chunk.splitlines()]
            lines = [l for l in lines if l and l != head]
            text = head if head else (lines[0] if lines else "error")
            if not head or len(head) < 20:
                text = "; ".join([head] + lines[:3]) if head else "; ".join(lines[:4])
            return text[:400]
    return None


class Runner:
    """A kernel that executes cells one at a time, survives time-outs and deaths by restarting
    and replaying the cells that ran cleanly."""

    def __init__(self, nb, timeout, cwd):
        self.nb, self.timeout, self.cwd = nb, timeout, cwd
        self.good = []          # indices of cells that ran to the end without an error
        self.client = None

    def start(self):
        from nbclient import NotebookClient
        self.client = NotebookClient(self.nb, timeout=self.timeout, kernel_name=KERNEL, allow_errors=True,
                                     record_timing=False, startup_timeout=60,
                                     resources={"metadata": {"path": self.cwd}})
        self.client.km = self.client.create_kernel_manager()
        self.client.start_new_kernel()
        self.client.start_new_kernel_client()

    def stop(self):
        if self.client is not None and self.client.km is not None:
            try:
                from nbclient.util import run_sync
                run_sync(self.client.km.shutdown_kernel)(now=True)
            except Exception:
                pass
            try:
                if self.client.kc is not None:
                    self.client.kc.stop_channels()
            except Exception:
                pass
        self.client = None

    def restart(self):
        self.stop()
        self.start()
        for k in self.good:      # replay quietly: outputs of the first run are kept
            import copy
            try:
                self.client.execute_cell(copy.deepcopy(self.nb.cells[k]), k)
            except Exception:
                pass

    def replay(self, indices):
        """Execute copies of cells quietly (their outputs are not kept)."""
        import copy
        for k in indices:
            try:
                self.client.execute_cell(copy.deepcopy(self.nb.cells[k]), k)
            except Exception:
                self.restart()

    def run(self, k):
        """Execute cell k; return None if clean, else a message (error, time-out, dead kernel)."""
        from nbclient.exceptions import CellTimeoutError, DeadKernelError
        cell = self.nb.cells[k]
        try:
            self.client.execute_cell(cell, k)
        except CellTimeoutError:
            self.restart()
            return f"cell still running after {self.timeout} s (time limit per cell); stopped"
        except DeadKernelError:
            self.restart()
            return "the cell ended the kernel (System.exit or a JVM crash)"
        except Exception as e:   # a kernel that stopped answering
            self.restart()
            return f"the kernel stopped answering ({type(e).__name__})"
        message = error_message(cell.get("outputs", []))
        if message is None:
            self.good.append(k)
        return message


def student_of(path, assignment):
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem == assignment:
        parent = os.path.basename(os.path.dirname(os.path.abspath(path)))
        if parent == assignment:   # nbgrader layout: submitted/<student>/<assignment>/<assignment>.ipynb
            parent = os.path.basename(os.path.dirname(os.path.dirname(os.path.abspath(path))))
        return parent
    return stem


def grade_one(path, known, timeout):
    sub = read_notebook(path)
    assignment = assignment_of(sub, path, known)
    source = read_notebook(known[assignment])
    nb, edited = merge(source, sub)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    problems = {}   # cell index -> message
    runner = Runner(nb, timeout, os.path.dirname(os.path.abspath(known[assignment])))
    started = time.time()
    # the set-up: locked code cells before the first student cell; replayed before every test cell so
    # that a student's redefinition of a helper or a variable (JShell allows it) cannot reach a test
    first_student = next((k for k, c in enumerate(nb.cells) if c.cell_type == "code" and not meta(c).get("locked")), len(nb.cells))
    setup = [k for k in range(first_student) if nb.cells[k].cell_type == "code" and meta(nb.cells[k]).get("locked")]
    try:
        runner.start()
        for k, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and cell.source.strip():
                if is_test(cell) and k > first_student:
                    runner.replay(setup)
                message = runner.run(k)
                if message:
                    problems[k] = message
    finally:
        runner.stop()
    secs = sections(nb.cells)
    leading_locked = [meta(nb.cells[k]).get("grade_id") for k in range(len(nb.cells))
                      if meta(nb.cells[k]).get("locked") and not is_test(nb.cells[k])
                      and (not secs or k < secs[0][0])]
    rows = []
    for test_index, members in secs:
        cell = nb.cells[test_index]
        m = meta(cell)
        possible = float(m.get("points", 0))
        why = None
        touched = [meta(nb.cells[k]).get("grade_id") for k in members if meta(nb.cells[k]).get("grade_id") in edited]
        touched += [g for g in leading_locked if g in edited and g not in touched]
        if touched:
            why = f"locked cell(s) {', '.join(touched)} edited or deleted"
        else:
            for k in members:
                if k in problems:
                    c = nb.cells[k]
                    label = meta(c).get("grade_id") or f"cell {k + 1}"
                    why = f"{label}: {problems[k]}"
                    break
        rows.append({"exercise": m["grade_id"], "kind": "auto", "points": possible if why is None else 0.0,
                     "possible": possible, "message": why or "passed"})
    for cell in nb.cells:
        if is_written(cell):
            m = meta(cell)
            rows.append({"exercise": m["grade_id"], "kind": "manual", "points": None,
                         "possible": float(m.get("points", 0)), "message": "graded by hand (rubric in the source notebook)"})
    return {"submission": os.path.abspath(path), "student": student_of(path, assignment), "assignment": assignment,
            "auto_points": sum(r["points"] for r in rows if r["kind"] == "auto"),
            "auto_possible": sum(r["possible"] for r in rows if r["kind"] == "auto"),
            "manual_possible": sum(r["possible"] for r in rows if r["kind"] == "manual"),
            "seconds": round(time.time() - started, 1), "exercises": rows}, nb


def table(report):
    width = max([len("exercise")] + [len(r["exercise"]) for r in report["exercises"]])
    lines = [f"{report['assignment']} · {report['student']} · {os.path.basename(report['submission'])}",
             f"{'exercise'.ljust(width)}  {'points':>13}  check",
             f"{'-' * width}  {'-' * 13}  -----"]
    for r in report["exercises"]:
        got = "manual" if r["points"] is None else f"{r['points']:g}"
        lines.append(f"{r['exercise'].ljust(width)}  {(got + ' / ' + format(r['possible'], 'g')):>13}  {r['message']}")
    lines.append(f"{'autograded'.ljust(width)}  {report['auto_points']:g} / {report['auto_possible']:g}"
                 f"   (+ {report['manual_possible']:g} points graded by hand)")
    return "\n".join(lines) + "\n"


def grade(paths, out, timeout):
    import nbformat
    known = sources()
    checked = []
    for p in paths:   # refuse bad input before any kernel starts
        nb = read_notebook(p)
        checked.append((p, assignment_of(nb, p, known)))
    os.makedirs(out, exist_ok=True)
    logs = os.path.join(HOME, "target", "kernel-logs")
    os.makedirs(logs, exist_ok=True)
    os.environ.setdefault("CAUSAL_HEADS_KERNEL_LOG", os.path.join(logs, "assignments.log"))
    reports = []
    used = set()
    for p, assignment in checked:
        print(f"[assignments] grading {p} ({assignment}) ...", file=sys.stderr, flush=True)
        report, executed = grade_one(p, known, timeout)
        ident = f"{report['student']}-{assignment}" if report["student"] != assignment else assignment
        base, n = ident, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        with open(os.path.join(out, ident + ".json"), "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
        text = table(report)
        with open(os.path.join(out, ident + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        nbformat.write(executed, os.path.join(out, ident + ".executed.ipynb"))
        print(text, flush=True)
        reports.append((ident, report))
    summary = os.path.join(out, "summary.csv")
    with open(summary, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["report", "student", "assignment", "exercise", "kind", "points", "possible", "message"])
        for ident, r in reports:
            for e in r["exercises"]:
                w.writerow([ident, r["student"], r["assignment"], e["exercise"], e["kind"],
                            "" if e["points"] is None else f"{e['points']:g}", f"{e['possible']:g}", e["message"]])
            w.writerow([ident, r["student"], r["assignment"], "TOTAL (autograded)", "auto",
                        f"{r['auto_points']:g}", f"{r['auto_possible']:g}", ""])
    print(f"[assignments] {len(reports)} report(s) and {os.path.relpath(summary)} written", file=sys.stderr)
    return 0


def main(argv):
    parser = argparse.ArgumentParser(prog="environment/assignments.sh", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command")
    r = sub.add_parser("release", help="write student versions to target/release/")
    r.add_argument("names", nargs="*", metavar="NAME")
    r.add_argument("--out", default=os.path.join(HOME, "target", "release"))
    g = sub.add_parser("grade", help="grade submissions")
    g.add_argument("submissions", nargs="+", metavar="SUBMISSION.ipynb")
    g.add_argument("--out", default=os.path.join(HOME, "target", "grades"))
    g.add_argument("--timeout", type=int, default=60, help="seconds allowed per cell (default 60)")
    args = parser.parse_args(argv)
    try:
        if args.command == "release":
            return release(args.names, args.out)
        if args.command == "grade":
            return grade(args.submissions, args.out, args.timeout)
        parser.print_usage(sys.stderr)
        print("error: expected a command, release or grade", file=sys.stderr)
        return 2
    except BadInput as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
