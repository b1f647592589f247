#!/usr/bin/env bash
# Prints the library's classpath for kernels other than the project's (IJava, JJava), after
# environment/setup.sh has built it. For example:
#   export IJAVA_CLASSPATH="$(environment/classpath.sh)"
#   export IJAVA_STARTUP_SCRIPTS_PATH="$PWD/environment/init.jshell"
#   (JJava: JJAVA_CLASSPATH and JJAVA_STARTUP_SCRIPTS_PATH)
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -d "$home/target/classes/org/causalheads" ] && [ -d "$home/target/lib" ] ||
  { echo "classpath: the library is not built; run environment/setup.sh first" >&2; exit 1; }
cp="$home/target/classes"
for j in "$home"/target/lib/*.jar; do cp="$cp:$j"; done
echo "$cp"
