#!/usr/bin/env bash
# Sets up .venv from nothing: torch's CPU build first (any other torch pulls a CUDA build of several GB),
# then the project. With --test, also the test extras, and Debian's chromium (the widget's browser tests) and
# postgresql (the shared question log's tests) when they are missing.
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
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "setup: missing ${missing[*]}; run 'sudo apt-get install ${missing[*]}' for all the tests." >&2
    fi
  fi
else
  $py -m pip install --quiet -e .
fi
