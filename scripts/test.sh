#!/usr/bin/env bash
# Installs what the test suite needs (only what is missing) and runs every test.
# The suite runs real systemd user managers, so it needs root (it asks sudo when run as a user).
# Last line printed: "N passed, N failed" summed from the TRX files; exit 1 on any failure or
# when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."

# Real systemd sandboxes need root: ask once, up front.
if [[ $(id -u) -ne 0 ]]; then
  exec sudo --preserve-env=PATH,DOTNET_ROOT,HOME "$0" "$@"
fi

# Debian packages the tests drive for real: a systemd user manager with its D-Bus, unshare,
# Chromium for the browser test, pacman (Debian's build) for the pacman adapter in a private root,
# python-dbusmock's notification server for the desktop agent, and what builds and checks the Debian
# package (scripts/package.sh: fakeroot, strip, and clang with zlib1g-dev for the native annactl; lintian).
needed=(systemd dbus dbus-user-session util-linux procps curl chromium pacman-package-manager prometheus python3-dbusmock
  fakeroot binutils lintian clang zlib1g-dev)
missing=()
for pkg in "${needed[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]} > 0)); then
  echo "Installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The systemd sandbox mounts a private tmpfs on /run/systemd; the mount point must exist even
# on a machine that was not booted with systemd.
mkdir -p /run/systemd

results="TestResults/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
status=0
# In a session of its own: whatever a test does to its process group can never reach this script,
# which must always get to print the counts.
setsid --wait dotnet test Anna.Web.sln --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

echo "${passed} passed, ${failed} failed"
if ((status != 0 || failed > 0 || passed == 0)); then
  exit 1
fi
