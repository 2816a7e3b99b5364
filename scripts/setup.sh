#!/usr/bin/env bash
# Create .venv and install the pinned dependencies. `--test` adds the test tools, Debian's chromium and Java,
# and the Nu HTML Checker.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
extras=""
if [ "${1:-}" = "--test" ]; then
  extras="[test]"
fi
# uv installs the same pinned set in seconds where pip takes about a minute; pip remains the fallback, should uv
# not install or not reach the index. --compile-bytecode, as pip does: where PYTHONDONTWRITEBYTECODE is set (as on
# CI machines), a process importing MkDocs, pandas, Altair and the rest took 4.3 s from source, 0.95 s compiled.
if .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt uv 2>/dev/null \
   && .venv/bin/python -m uv pip install --quiet --compile-bytecode --python .venv/bin/python \
        -c constraints.txt -e ".${extras}"; then
  :
else
  echo "uv could not install the packages: installing them with pip instead" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".${extras}"
fi

# Debian packages the tests need: chromium for the browser tests, Java for the Nu HTML Checker.
missing=""
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium fonts-liberation"
  command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
fi
if [ -n "$missing" ]; then
  echo "Installing Debian's$missing for the tests…"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
  fi
fi

# The Nu HTML Checker (npm's vnu-jar, pinned in tools/vnu/package-lock.json), for tests/test_markup.py.
if [ "${1:-}" = "--test" ] && [ ! -f tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  (cd tools/vnu && npm ci --no-audit --no-fund --ignore-scripts --silent)
fi
