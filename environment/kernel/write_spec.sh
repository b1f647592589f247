#!/bin/sh
# Writes the causal-heads kernelspec for the checkout HOME into DIR (kernel.json, launch.sh):
#   environment/kernel/write_spec.sh DIR [HOME]
# environment/setup.sh installs it for the user; the start probe and the Notebook-server test
# write a private copy (found first through JUPYTER_PATH) so they test this checkout.
set -eu
dir=$1
home=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
mkdir -p "$dir"
sed "s|@PROJECT_HOME@|$home|" "$home/environment/kernel/launch.sh" > "$dir/launch.sh"
chmod +x "$dir/launch.sh"
cat > "$dir/kernel.json" <<JSON
{
  "argv": ["/bin/sh", "{resource_dir}/launch.sh", "{connection_file}"],
  "display_name": "Java (causal-heads)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {},
  "metadata": {"project": "$home"}
}
JSON
