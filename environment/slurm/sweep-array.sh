#!/usr/bin/env bash
# Runs one sweep of the causal-heads command line as N shards and merges them.
#
#   environment/slurm/sweep-array.sh [--local] [--overwrite] N OUT COMMAND [OPTIONS...]
#
#   N        number of shards (shard i of N computes rows j with j mod N + 1 = i)
#   OUT      the --out of the sweep: a CSV for 'sweep' and 'sweep methods', a folder for
#            'incontext-paper'; the merged file is OUT (OUT/trees_results.csv for incontext-paper)
#   COMMAND  sweep | sweep methods | incontext-paper, with its options (not --out, not --shard)
#
# On a Slurm cluster (default) it submits a job array, one task per shard
# (sbatch --array=1-N), and a merge job that starts when every shard has succeeded
# (sbatch --dependency=afterok:<array job>). With --local it runs the same shard and merge steps
# on this machine: the N shards as background processes, then the merge once all have exited 0.
# The merge refuses to replace an existing OUT unless --overwrite is given.
# Extra sbatch options (partition, account, time, memory) go in CAUSAL_HEADS_SBATCH, e.g.
#   CAUSAL_HEADS_SBATCH="--partition=cpu --time=12:00:00 --mem=8G" \
#     environment/slurm/sweep-array.sh 8 data/methods_asia.csv sweep methods --problem network --bif asia
# Logs go to CAUSAL_HEADS_LOGS (default target/slurm-logs); the shard CSVs and their plans stay
# beside OUT (git ignores them), so a rerun resumes them.
# A shard that fails can be resubmitted alone (sbatch --array=<i> ...); it resumes its own file.
# The library must be built first (environment/setup.sh or mvn -DskipTests package).
#
#SBATCH --job-name=causal-heads
#SBATCH --cpus-per-task=2
set -euo pipefail

# inside a job the script runs from Slurm's spool, so the project is passed in CAUSAL_HEADS_HOME
home=${CAUSAL_HEADS_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
java=${JAVA:-java}

usage() {
  echo "usage: $0 [--local] [--overwrite] N OUT COMMAND [OPTIONS...]   (COMMAND: sweep | sweep methods | incontext-paper)" >&2
  exit 2
}

cli() {
  "$java" ${CAUSAL_HEADS_JAVA_OPTS:-} -cp "$home/target/classes:$home/target/lib/*" org.causalheads.cli.Main "$@"
}

# the CSV a shard run writes for OUT (the command's own naming: name.shard-i-of-N.csv)
merged_csv() { if [ "$1" = incontext-paper ]; then echo "$2/trees_results.csv"; else echo "$2"; fi; }
shard_csv() { local c; c=$(merged_csv "$1" "$2"); echo "${c%.csv}.shard-$3-of-$4.csv"; }

# job steps (also what --local runs)
run_shard() { # N OUT COMMAND... ; shard index from SLURM_ARRAY_TASK_ID
  local n=$1 out=$2; shift 2
  cli "$@" --out "$out" --shard "${SLURM_ARRAY_TASK_ID:?no SLURM_ARRAY_TASK_ID: not in a job array}/$n"
}
run_merge() { # OVERWRITE(true|false) N OUT COMMAND...
  local overwrite=$1 n=$2 out=$3 cmd=$4 i files=() flags=()
  for ((i = 1; i <= n; i++)); do files+=("$(shard_csv "$cmd" "$out" "$i" "$n")"); done
  if [ "$overwrite" = true ]; then flags=(--overwrite); fi
  cli merge "${flags[@]}" --out "$(merged_csv "$cmd" "$out")" "${files[@]}"
}

case "${1:-}" in
  --shard-step) shift; run_shard "$@"; exit ;;
  --merge-step) shift; run_merge "$@"; exit ;;
esac

local_mode=false overwrite=false
while :; do
  case "${1:-}" in
    --local) local_mode=true; shift ;;
    --overwrite) overwrite=true; shift ;;
    *) break ;;
  esac
done
[ $# -ge 3 ] || usage
n=$1 out=$2 cmd=$3
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "error: N: $n: expected an integer >= 1" >&2; exit 2; }
[ "$overwrite" = true ] || [ ! -e "$(merged_csv "$cmd" "$out")" ] ||
  { echo "error: OUT: $(merged_csv "$cmd" "$out"): exists; expected a new file (or --overwrite)" >&2; exit 2; }
case "$cmd" in sweep|incontext-paper) ;; *) echo "error: COMMAND: $cmd: expected sweep, sweep methods or incontext-paper" >&2; exit 2 ;; esac
for a in "${@:4}"; do
  case "$a" in --out|--out=*|--shard|--shard=*) echo "error: $a: set by this script; expected OUT and N instead" >&2; exit 2 ;; esac
done
[ -d "$home/target/classes/org/causalheads" ] && [ -d "$home/target/lib" ] ||
  { echo "error: $home/target: the library is not built; expected environment/setup.sh to have run" >&2; exit 2; }
logs=${CAUSAL_HEADS_LOGS:-$home/target/slurm-logs}
mkdir -p "$logs"

if $local_mode; then
  pids=()
  for ((i = 1; i <= n; i++)); do
    SLURM_ARRAY_TASK_ID=$i run_shard "$n" "$out" "${@:3}" >"$logs/shard-$i-of-$n.out" 2>&1 &
    pids+=($!)
    echo "shard $i/$n: process ${pids[-1]}, log $logs/shard-$i-of-$n.out"
  done
  failed=0
  for ((i = 1; i <= n; i++)); do
    if ! wait "${pids[i - 1]}"; then
      echo "shard $i/$n failed; see $logs/shard-$i-of-$n.out" >&2
      failed=1
    fi
  done
  # afterok: merge only when every shard succeeded
  [ $failed = 0 ] || { echo "error: shards failed; not merging (rerun them: each resumes its own file)" >&2; exit 1; }
  run_merge "$overwrite" "$n" "$out" "${@:3}"
else
  command -v sbatch >/dev/null || { echo "error: sbatch: not found; expected a Slurm cluster (or use --local)" >&2; exit 2; }
  # shellcheck disable=SC2086
  array=$(sbatch --parsable ${CAUSAL_HEADS_SBATCH:-} --array="1-$n" --export="ALL,CAUSAL_HEADS_HOME=$home" \
    --output="$logs/shard-%a-of-$n-%A.out" "$0" --shard-step "$n" "$out" "${@:3}")
  array=${array%%;*}
  # shellcheck disable=SC2086
  merge=$(sbatch --parsable ${CAUSAL_HEADS_SBATCH:-} --dependency="afterok:$array" --export="ALL,CAUSAL_HEADS_HOME=$home" \
    --output="$logs/merge-%j.out" "$0" --merge-step "$overwrite" "$n" "$out" "${@:3}")
  echo "submitted shards as job array $array (1-$n) and the merge as job ${merge%%;*} (after all succeed); logs in $logs"
fi
