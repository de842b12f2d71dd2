#!/usr/bin/env bash
# Sets up .venv from nothing: torch's CPU build first (any other torch pulls a CUDA build of several GB),
# then the project. With --test, also the test extras and Debian's chromium for the widget's browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
py=.venv/bin/python
$py -m pip install --quiet --upgrade pip
$py -m pip install --quiet torch==2.13.0
if [ "${1:-}" = "--test" ]; then
  $py -m pip install --quiet -e ".[test]"
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "setup: Debian's chromium is missing; run 'sudo apt-get install chromium' for the browser tests." >&2
    fi
  fi
else
  $py -m pip install --quiet -e .
fi
