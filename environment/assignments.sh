#!/usr/bin/env bash
# Classroom assignments: sets the machine up (environment/setup.sh), then releases student copies
# of notebooks/assignments/ or grades submissions on the project kernel.
#   environment/assignments.sh release [NAME...] [--out DIR]     (default target/release/)
#   environment/assignments.sh grade SUBMISSION.ipynb... [--out DIR] [--timeout S]   (default target/grades/)
# Run with --help for the details.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
case "${1:-}" in
  release|grade) ;;
  -h|--help) exec python3 "$home/environment/assignments.py" --help ;;
  *) echo "error: expected a command, release or grade, got '${1:-}' (see --help)" >&2; exit 2 ;;
esac
bash "$home/environment/setup.sh" >&2
python=$(cat "$home/target/python-path")
export CAUSAL_HEADS_HOME="$home"
exec "$python" "$home/environment/assignments.py" "$@"
