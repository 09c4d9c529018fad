#!/usr/bin/env bash
# Install the system programs orgchart needs, from Debian's packages, when they are missing:
# Graphviz's `dot` (charts) and Chromium at /usr/bin/chromium (the browser tests of the
# interactive page drive it through Playwright; no browser is ever downloaded by Playwright).
# Stops with a clear message when it cannot install them.
set -euo pipefail

chromium="${ORGCHART_CHROMIUM:-/usr/bin/chromium}"
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
[ -x "$chromium" ] || missing+=(chromium)

[ ${#missing[@]} -eq 0 ] && exit 0

echo "orgchart: installing Debian packages: ${missing[*]}" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing ${missing[*]} and apt-get is not available; install them with your system's package manager (Graphviz provides 'dot'; Chromium must be at /usr/bin/chromium)." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "error: missing ${missing[*]}; run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
