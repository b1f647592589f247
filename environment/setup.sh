#!/usr/bin/env bash
# Makes this machine ready to run the causal-heads notebooks, idempotently:
#   1. checks Java 17+ and Maven;
#   2. installs Jupyter Notebook + headless execution (Debian packages when run as root;
#      otherwise prints the one command to run);
#   3. builds the library (target/classes), its runtime dependencies (target/lib) and fetches
#      the Java kernel through Maven (target/kernel);
#   4. installs the project kernelspec "causal-heads" for the current user;
#   5. installs the reading surface's local copies, Debian packages when run as root:
#      MathJax (libjs-mathjax), plotly.js (python3-plotly; served to the notebook as the
#      nbextension causal-heads/plotly.js) and Chromium (chromium, for the browser test).
# Nothing is installed half-way: every check runs before the kernelspec is written.
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kernel_name=causal-heads
apt_packages="jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client"
# the reading surface: offline MathJax and plotly.js, and a browser for the site test
reading_packages="libjs-mathjax python3-plotly chromium"

say() { echo "setup: $*" >&2; }
die() { echo "setup: $*" >&2; exit 1; }

# --- 1. Java and Maven ------------------------------------------------------------------
command -v java >/dev/null 2>&1 ||
  die "Java 17+ is missing. Install it, e.g. 'apt-get install -y openjdk-17-jdk-headless', then run this again."
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
[ "${java_major:-0}" -ge 17 ] ||
  die "Java ${java_major:-unknown} found on PATH; Java 17 or newer is needed (set JAVA_HOME/PATH to a JDK 17+)."
command -v javac >/dev/null 2>&1 ||
  die "javac is missing: a JDK is needed, not only a JRE (e.g. 'apt-get install -y openjdk-17-jdk-headless'), then run this again."
command -v mvn >/dev/null 2>&1 ||
  die "Maven is missing. Install it, e.g. 'apt-get install -y maven', then run this again."

# --- 2. Jupyter -------------------------------------------------------------------------
find_python() {
  local py
  for py in "${CAUSAL_HEADS_PYTHON:-}" python3 /usr/bin/python3; do
    [ -n "$py" ] || continue
    if command -v "$py" >/dev/null 2>&1 &&
       "$py" -c "import nbclient, nbconvert, nbformat, notebook, jupyter_client" >/dev/null 2>&1; then
      command -v "$py"
      return 0
    fi
  done
  return 1
}

if ! python=$(find_python); then
  if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
      say "installing Jupyter from Debian packages: $apt_packages"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2 || die "apt-get update failed; fix the package sources and run this again."
      # shellcheck disable=SC2086
      apt-get install -y -qq $apt_packages >&2 || die "apt-get install $apt_packages failed."
    else
      die "Jupyter is missing. Run: sudo apt-get install -y $apt_packages   (then run this again)"
    fi
  else
    die "Jupyter is missing. Run: python3 -m pip install --user notebook nbconvert nbclient   (or: conda env create -f environment/environment.yml && conda activate causal-heads), then run this again."
  fi
  python=$(find_python) || die "Jupyter was installed but no python3 can import nbclient/nbconvert/notebook; set CAUSAL_HEADS_PYTHON to the interpreter that has them."
fi

# the command-line tools of jupyter-client ('jupyter kernelspec list'), a separate Debian package
if ! command -v jupyter-kernelspec >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  say "installing Debian's jupyter-client (for 'jupyter kernelspec list')"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jupyter-client >&2 ||
    say "could not install jupyter-client; 'jupyter kernelspec list' will be missing (the kernel works without it)"
fi

# --- 3. Build ---------------------------------------------------------------------------
# the kernel's corrected classes (see environment/kernel/patch), put ahead of its jar by the
# launcher. They are copies of one upstream version: refuse any other (the pom's enforcer rule
# says the same to Maven).
kernel_version=$(sed -n 's|.*<rapaio.kernel.version>\(.*\)</rapaio.kernel.version>.*|\1|p' "$home/pom.xml")
patch_src="$home/environment/kernel/patch"
mapfile -t patch_files < <(find "$patch_src" -name '*.java' | sort)
for f in "${patch_files[@]}"; do
  v=$(sed -n 's|.*Patched for upstream version: \([0-9.]*\).*|\1|p' "$f" | head -n 1)
  [ "$v" = "$kernel_version" ] ||
    die "${f#"$home"/} was written for rapaio-jupyter-kernel ${v:-unknown}, but pom.xml asks for $kernel_version; port the patch to $kernel_version (or go back to $v) first."
done
say "building the library and resolving the Java kernel with Maven"
(cd "$home" && mvn -q -B -Dstyle.color=never -DskipTests package 2>&1 | sed 's/\x1b\[[0-9;]*m//g') >&2 ||
  die "the Maven build failed (see above); fix it and run this again."
[ -f "$home/target/kernel/rapaio-jupyter-kernel.jar" ] ||
  die "the build did not produce target/kernel/rapaio-jupyter-kernel.jar"
rm -rf "$home/target/kernel-patch"
javac -nowarn --release 17 -cp "$home/target/kernel/rapaio-jupyter-kernel.jar" -d "$home/target/kernel-patch" \
  "${patch_files[@]}" >&2 ||
  die "could not compile environment/kernel/patch against rapaio-jupyter-kernel $kernel_version (javac from a JDK 17+ is needed)."
mkdir -p "$home/target"
echo "$python" > "$home/target/python-path"

# --- 4. Kernelspec ----------------------------------------------------------------------
spec=$(mktemp -d)
trap 'rm -rf "$spec"' EXIT
sh "$home/environment/kernel/write_spec.sh" "$spec" "$home"
"$python" -m jupyter_client.kernelspecapp install --user --name "$kernel_name" "$spec" >/dev/null 2>&1 ||
  die "could not install the kernelspec '$kernel_name' (jupyter kernelspec install --user failed)."
# --- 5. Reading surface: local MathJax, plotly.js, Chromium ------------------------------
missing=()
for pkg in $reading_packages; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    say "installing from Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${missing[@]}" >&2 ||
      { apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2; } ||
      say "note: apt-get install ${missing[*]} failed; the notebooks still run, without the site's browser test or interactive figures."
  else
    say "note: ${missing[*]} not installed (the site, the interactive figures or the browser test need them): sudo apt-get install -y ${missing[*]}"
  fi
fi
# plotly.js for the interactive figures, served by the notebook server as /nbextensions/causal-heads/plotly.js
plotly_js=/usr/share/python3-plotly/plotly.js
if [ -f "$plotly_js" ]; then
  nbext=$("$python" -c "from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())")/nbextensions/causal-heads
  mkdir -p "$nbext"
  cmp -s "$plotly_js" "$nbext/plotly.js" || cp "$plotly_js" "$nbext/plotly.js"
fi
say "ready: kernel '$kernel_name' -> $home (python: $python)"
