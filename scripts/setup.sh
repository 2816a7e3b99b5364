#!/usr/bin/env bash
# Create .venv and install the pinned dependencies. `--test` adds the test tools and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
extras=""
if [ "${1:-}" = "--test" ]; then
  extras="[test]"
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".${extras}"

if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation
  fi
fi
