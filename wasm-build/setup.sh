#!/usr/bin/env bash
# Installs whatever this machine lacks for building and testing LossLab, then the npm packages (npm ci).
# Safe to run again: it only installs what is missing. Debian 12; run as root (CI is) or with sudo available.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: the Emscripten toolchain, Eigen, GoogleTest, a JSON reader for the native golden tests,
# clang's libFuzzer runtime, and Chromium for the browser tests.
packages=(emscripten libeigen3-dev googletest libgtest-dev nlohmann-json3-dev cmake clang libclang-rt-14-dev chromium)
# `--bench` adds PyTorch (Debian's python3-torch), the reference the native benchmark is timed against.
[ "${1:-}" = "--bench" ] && packages+=(python3-torch)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm packages, exactly as locked; skipped when node_modules already matches the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
