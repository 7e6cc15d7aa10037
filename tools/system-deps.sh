#!/usr/bin/env bash
# Install the Debian packages a target needs when they are missing.
# Usage: tools/system-deps.sh GROUP...   (groups: venv, tex, browser, pdftools, java, node, valgrind)
# As root, missing packages are installed with apt-get; otherwise the script
# stops with one line naming them, so a non-root user knows what to ask for.
set -euo pipefail

packages_for() {
  case "$1" in
    venv) echo "python3-venv" ;;
    tex) echo "texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-xetex latexmk tex-gyre fonts-freefont-otf xindy" ;;
    browser) echo "chromium" ;;
    pdftools) echo "poppler-utils" ;;
    java) echo "default-jre-headless" ;;  # runs the Nu Html Checker (npm vnu-jar) in tests/test_quality.py
    # Installs the tests' npm packages (tests/package.json: axe-core, vnu-jar, gift-pegjs) and runs the GIFT parser
    # and the browser-parity grader.
    node) echo "nodejs npm" ;;
    # Counts the instructions of the benchmark's HTML builds (bench/run.py), which tests/test_bench.py runs once.
    valgrind) echo "valgrind" ;;
    *) echo "system-deps: unknown group '$1'" >&2; exit 2 ;;
  esac
}

# python3-venv is only needed where the interpreter lacks ensurepip (Debian's own python3).
venv_missing() { ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; }
# Any Java runtime will do (vnu.jar needs Java 11 or later), wherever it came from.
java_missing() { ! command -v java >/dev/null 2>&1; }
# Likewise any Node.js with npm, Debian's or another (such as NodeSource's, whose nodejs carries npm).
node_missing() { ! { command -v node && command -v npm; } >/dev/null 2>&1; }
# And any valgrind on the PATH, Debian's or one built from source.
valgrind_missing() { ! command -v valgrind >/dev/null 2>&1; }

missing=()
for group in "$@"; do
  if [ "$group" = venv ]; then
    venv_missing && missing+=(python3-venv)
    continue
  fi
  if [ "$group" = java ]; then
    java_missing && missing+=("$(packages_for java)")
    continue
  fi
  if [ "$group" = valgrind ]; then
    valgrind_missing && missing+=(valgrind)
    continue
  fi
  if [ "$group" = node ]; then
    node_missing && missing+=($(packages_for node))
    continue
  fi
  for pkg in $(packages_for "$group"); do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
  done
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages; run as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
