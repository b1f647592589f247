#!/usr/bin/env bash
# The test command. Sets the machine up (environment/setup.sh), then runs every test:
# the library's unit tests and one test per notebook that executes it headless on the project
# kernel in quick mode and fails on any error output, stderr output, a code cell without
# output, or a kernelspec other than "causal-heads". Extra arguments go to Maven, e.g.
#   environment/test.sh -Dnotebooks.skip=true        unit tests only
#   environment/test.sh -Dtest=MetricsTest           one test class
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$home/environment/setup.sh"
cd "$home"
# Maven 3.8 writes colour resets even in batch mode: removed, so logs stay plain text
mvn -B -Dstyle.color=never --no-transfer-progress verify "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
