#!/usr/bin/env bash
# The main job: sets the machine up (environment/setup.sh), then opens Jupyter on notebooks/ with
# the project kernel, or executes notebooks headless. Run with --help for the usage.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() {
  cat <<'EOF'
usage: environment/notebooks.sh [--port N] [NOTEBOOK...]
       environment/notebooks.sh --execute [--quick] [NOTEBOOK...]
       environment/notebooks.sh --check [--quick] [NOTEBOOK...]
       environment/notebooks.sh --site

Sets the machine up (environment/setup.sh), then:

  (no option)     opens Jupyter Notebook on notebooks/ (the named notebooks, if any), with the
                  project kernel "causal-heads" as the default for new notebooks.
  --port N        serve Jupyter on port N (default: 8888 or the next free one).
  --execute       re-executes the notebooks in full mode and, for each that runs cleanly,
                  writes it back in place with its README picture (notebooks/figures/);
                  HTML renderings go to target/notebooks-html/, and the reading site
                  target/site/ is rebuilt from the notebooks.
  --execute --quick
                  the same with the small CI budgets, written to target/notebooks-quick/
                  (executed copies and HTML); committed files are not touched.
  --check [--quick]
                  executes copies and fails on any problem (error or stderr output, a code
                  cell without output); writes nothing.
  --site          builds the offline reading site target/site/ (index, one page per
                  notebook, every asset local) from the committed notebooks; no kernel.
  -p KEY=VALUE    (with --execute or --check; repeatable) runs a copy with that parameter
                  changed: a cell tagged "injected-parameters" after the parameters cell
                  re-runs it with the new value, which must be a Java literal of the
                  parameter's declared type (checked before any kernel starts). The executed
                  copy goes to --out (default target/notebooks-params/); the committed file is
                  never touched. Each check cell's result is printed.
  --params FILE   the same for every row of a CSV (header: parameter names, optional "set"
                  column) or JSON list of objects: one executed copy per set and a summary
                  CSV <notebook>.summary.csv (set, each check passed/failed/not run, seconds,
                  the first failure's message).
  --grid          the same for the parameter sets each notebook declares in its metadata
                  ("causal_heads": {"grid": [{"KEY": "VALUE", ...}, ...]}); notebooks without a
                  grid are skipped. E.g. --execute --quick --grid --jobs 2 --out DIR runs every
                  grid point of every notebook in quick mode, each on its own kernel
                  (GridTest runs the same points in bare JShells).
  --jobs N        execute up to N notebooks at once, each on its own kernel (default 1).
  --out DIR       where executed copies go (with --execute).
  -h, --help      prints this help.

NOTEBOOK is a file name in notebooks/, with or without .ipynb (e.g. 01-head-collapse);
without one, every notebook. A failure names the notebook, the cell (In [n] and its first
line) and the kernel's message; the run exits non-zero. Ctrl-C stops the whole run.
EOF
}

die() { echo "notebooks: $*" >&2; exit 2; }

mode=open
quick=0
run_args=()   # -p, --params, --grid, --out: passed to the runner
jobs_args=()  # --jobs N
port=""
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --execute) [ "$mode" = check ] && die "--execute and --check exclude each other"; mode=execute ;;
    --check) [ "$mode" = execute ] && die "--execute and --check exclude each other"; mode=check ;;
    --site) [ "$mode" = open ] || die "--site stands alone (--execute builds the site too)"; mode=site ;;
    --quick) quick=1 ;;
    --port) [ $# -ge 2 ] || die "--port needs a number"; port=$2; shift ;;
    --port=*) port=${1#--port=} ;;
    -p) [ $# -ge 2 ] || die "-p needs KEY=VALUE"; run_args+=(-p "$2"); shift ;;
    --params) [ $# -ge 2 ] || die "--params needs a CSV or JSON file"; run_args+=(--params "$2"); shift ;;
    --grid) run_args+=(--grid) ;;
    --jobs) [ $# -ge 2 ] || die "--jobs needs a number"; jobs_args=(--jobs "$2"); shift ;;
    --out) [ $# -ge 2 ] || die "--out needs a folder"; run_args+=(--out "$2"); shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) names+=("$1") ;;
  esac
  shift
done
if [ "$((${#run_args[@]} + ${#jobs_args[@]}))" -gt 0 ] && [ "$mode" != execute ] && [ "$mode" != check ]; then
  die "-p, --params, --grid, --jobs and --out apply to --execute or --check (see --help)"
fi
if [ "$mode" = site ] && { [ "$quick" -eq 1 ] || [ "${#names[@]}" -gt 0 ]; }; then
  die "--site takes no notebook names and no --quick: it renders every committed notebook"
fi
[ "$quick" -eq 0 ] || [ "$mode" != open ] ||
  die "--quick only applies to --execute or --check (see --help)"
[ -z "$port" ] || [ "$mode" = open ] || die "--port only applies when opening Jupyter"
if [ -n "$port" ]; then
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] ||
    die "--port must be a number from 1 to 65535, got '$port'"
fi

files=()
if [ "${#names[@]}" -eq 0 ]; then
  files=("$home"/notebooks/*.ipynb)
else
  for n in "${names[@]}"; do
    b=$(basename "$n"); b="${b%.ipynb}"
    f="$home/notebooks/$b.ipynb"
    [ -f "$f" ] || die "no notebook '$n' in notebooks/ (expected one of: $(cd "$home/notebooks" && ls *.ipynb | sed 's/\.ipynb$//' | tr '\n' ' '))"
    files+=("$f")
  done
fi

bash "$home/environment/setup.sh"
python=$(cat "$home/target/python-path")
export CAUSAL_HEADS_HOME="$home"

# the reading site, from the committed notebooks: no kernel needed
[ "$mode" = site ] && exec "$python" "$home/environment/site.py"

if [ "$mode" = open ]; then
  extra=(--MultiKernelManager.default_kernel_name=causal-heads --notebook-dir="$home/notebooks")
  [ "$(id -u)" -eq 0 ] && extra+=(--allow-root)
  if [ -n "$port" ]; then
    "$python" -c 'import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)' "$port" || die "port $port is in use; choose another with --port"
    extra+=(--port="$port" --NotebookApp.port_retries=0)
  fi
  cd "$home/notebooks"
  [ "${#names[@]}" -gt 0 ] && extra+=("${files[@]}")   # open the named notebooks
  exec "$python" -m notebook "${extra[@]}"
fi

mkdir -p "$home/target/kernel-logs"
export CAUSAL_HEADS_KERNEL_LOG="$home/target/kernel-logs/notebooks.log"
case "$mode/$quick" in
  execute/0) if [ "${#run_args[@]}" -gt 0 ]; then args=(); else args=(--html "$home/target/notebooks-html" --site); fi ;;
  execute/1) args=(--quick --out "$home/target/notebooks-quick" --html "$home/target/notebooks-quick") ;;
  check/0) args=(--check) ;;
  check/1) args=(--check --quick) ;;
esac
# exec: Ctrl-C or a kill reaches the runner itself, which shuts its kernel down
exec "$python" "$home/environment/run_notebooks.py" "${args[@]}" "${run_args[@]}" "${jobs_args[@]}" "${files[@]}"
