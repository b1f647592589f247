#!/usr/bin/env bash
# The test command. Sets the machine up (environment/setup.sh), then runs every test:
# the library's unit tests and one test per notebook that executes it headless on the project
# kernel in quick mode and fails on any error output, stderr output, a code cell without
# output, or a kernelspec other than "causal-heads". Extra arguments go to Maven, e.g.
#   environment/test.sh -Dnotebooks.skip=true        unit tests only
#   environment/test.sh -Dtest=MetricsTest           one test class
#   environment/test.sh -Dsuite.jobs=1               notebook jobs one at a time (default: one per processor, at most 4)
# The notebook, bare-JShell and grading jobs run side by side on one pool beside the other tests
# (src/test/java/org/causalheads/notebook/SuiteJobs.java). At the end it prints where the time
# went: each test class (Surefire's reports) and each job (target/suite-times.tsv).
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$home/environment/setup.sh"
cd "$home"
status=0
# Maven 3.8 writes colour resets even in batch mode: removed, so logs stay plain text
mvn -B -Dstyle.color=never --no-transfer-progress verify "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' || status=$?
python=$(cat target/python-path 2>/dev/null || echo python3)
"$python" - <<'PY' || true
import glob, os, re
classes = []
for f in glob.glob("target/surefire-reports/TEST-*.xml"):
    head = open(f, encoding="utf-8").read(2000)
    m = re.search(r'<testsuite[^>]*\bname="([^"]+)"[^>]*\btime="([0-9.,]+)"', head) or \
        re.search(r'<testsuite[^>]*\btime="([0-9.,]+)"[^>]*\bname="([^"]+)"', head)
    if m:
        name, t = (m.group(1), m.group(2)) if not m.group(1)[0].isdigit() else (m.group(2), m.group(1))
        classes.append((float(t.replace(",", "")), name.rsplit(".", 1)[-1]))
if classes:
    classes.sort(reverse=True)
    print(f"[time] test classes, wall seconds (classes marked concurrent overlap the others): "
          f"{len(classes)} classes, top: " + ", ".join(f"{n} {t:.0f}" for t, n in classes[:8]))
if os.path.exists("target/suite-times.tsv"):
    rows = [l.rstrip("\n").split("\t") for l in open("target/suite-times.tsv", encoding="utf-8")][1:]
    groups = {}
    for g, job, wall, cpu, _ in rows:
        w, c = groups.get(g, (0.0, 0.0))
        groups[g] = (w + float(wall), c + (float(cpu) if cpu else 0.0))
    print("[time] jobs by group (sum of job wall / CPU seconds): " +
          ", ".join(f"{g} {w:.0f}/{c:.0f}" for g, (w, c) in groups.items()))
    rows.sort(key=lambda r: -float(r[3] or 0))
    print("[time] costliest jobs (CPU seconds): " + ", ".join(f"{g} {j} {c}" for g, j, _, c, _ in rows[:8]))
PY
exit "$status"
