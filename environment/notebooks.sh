#!/usr/bin/env bash
# The main job. Sets the machine up (environment/setup.sh), then
#   environment/notebooks.sh                 opens Jupyter on notebooks/ with the project kernel;
#   environment/notebooks.sh --execute       re-executes every notebook in place (outputs
#                                            refreshed) and writes an HTML rendering of each into
#                                            target/notebooks-html/;
#   environment/notebooks.sh --execute --quick 01-head-collapse ...
#                                            the same with CI budgets, for the named notebooks.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

execute=0
site=0   # --site: build the offline reading site target/site/ (environment/site.py); --execute builds it too
quick=()
names=()
for a in "$@"; do
  case "$a" in
    --execute) execute=1 ;;
    --quick) quick=(--quick) ;;
    --site) site=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "notebooks: unknown option '$a' (expected --execute, --quick or notebook names)" >&2; exit 2 ;;
    *) names+=("$a") ;;
  esac
done

files=()
if [ "${#names[@]}" -eq 0 ]; then
  files=("$home"/notebooks/*.ipynb)
else
  for n in "${names[@]}"; do
    b=$(basename "$n"); b="${b%.ipynb}"
    f="$home/notebooks/$b.ipynb"
    [ -f "$f" ] || { echo "notebooks: no notebook '$n' in notebooks/ (expected one of: $(cd "$home/notebooks" && ls *.ipynb | tr '\n' ' '))" >&2; exit 2; }
    files+=("$f")
  done
fi
bash "$home/environment/setup.sh"
python=$(cat "$home/target/python-path")
export CAUSAL_HEADS_HOME="$home"

# site: from the committed notebooks, no kernel needed
[ "$site" -eq 1 ] && [ "$execute" -eq 0 ] && exec "$python" "$home/environment/site.py"

if [ "$execute" -eq 0 ]; then
  extra=()
  [ "$(id -u)" -eq 0 ] && extra+=(--allow-root)
  cd "$home/notebooks"
  [ "${#names[@]}" -gt 0 ] && extra+=("${files[@]}")   # open the named notebooks
  exec "$python" -m notebook --notebook-dir="$home/notebooks" "${extra[@]}"
fi

mkdir -p "$home/target/kernel-logs"
export CAUSAL_HEADS_KERNEL_LOG="$home/target/kernel-logs/notebooks.log"
"$python" "$home/environment/run_notebooks.py" "${quick[@]}" --html "$home/target/notebooks-html" "${files[@]}"
echo "notebooks: executed ${#files[@]} notebook(s); HTML in target/notebooks-html/" >&2
# site: the executed notebooks as an offline site in target/site/
"$python" "$home/environment/site.py"
