#!/usr/bin/env bash
# Finds the Go 1.23 toolchain (the oracle behind test/conformance/go/ and the baseline of
# `npm run bench:go`), installing it from Debian's package registry when it is missing, and prints the
# path of its `go` binary on stdout. Everything else goes to stderr. Safe to run again and again.
#
# Where it looks, in order: $GO; /usr/lib/go-1.23/bin/go (Debian's golang-1.23-go package); `go` on PATH.
# A candidate counts only if `go env GOVERSION` says go1.23.
#
# Installing needs apt, root or sudo, and the Debian registry. Debian 12 (bookworm) ships Go 1.23 in
# bookworm-backports: if apt knows no golang-1.23-go package, the script adds that suite, on the mirror
# apt already uses, in /etc/apt/sources.list.d/gort-backports.sources, then installs golang-1.23-go.
#
# usage: scripts/install-go.sh [--check]
#   --check   only look: print the binary, or exit 1 if there is no Go 1.23 (installs nothing)
set -euo pipefail

check=0
case "${1:-}" in
  --check) check=1 ;;
  -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "install-go: unknown argument $1" >&2; exit 2 ;;
esac

pkg=golang-1.23-go

is_go123() {
  local v
  [ -n "$1" ] && [ -x "$1" ] && v=$(GOTOOLCHAIN=local "$1" env GOVERSION 2>/dev/null) && [[ "$v" == go1.23* ]]
}

find_go() {
  local candidate
  for candidate in "${GO:-}" /usr/lib/go-1.23/bin/go "$(command -v go 2>/dev/null || true)"; do
    if is_go123 "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if found=$(find_go); then
  echo "$found"
  exit 0
fi
if [ "$check" = 1 ]; then
  echo "install-go: no Go 1.23 here (looked at \$GO, /usr/lib/go-1.23/bin/go and PATH)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-go: no Go 1.23 and no apt to install it with; install Go 1.23 and set GO=/path/to/go" >&2
  exit 1
fi

as_root=()
if [ "$(id -u)" != 0 ]; then as_root=(sudo); fi

candidate() { apt-cache policy "$pkg" 2>/dev/null | awk '$1 == "Candidate:" { print $2 }'; }

echo "install-go: installing $pkg from the Debian registry" >&2
"${as_root[@]}" apt-get update -qq >&2
if [ -z "$(candidate)" ] || [ "$(candidate)" = "(none)" ]; then
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  if [ -z "$codename" ]; then
    echo "install-go: apt has no $pkg and this system names no release to find backports for" >&2
    exit 1
  fi
  # The Debian mirror apt already uses (deb822 .sources files first, then one-line sources.list entries).
  mirror=$(grep -hsE '^URIs:[[:space:]]*https?://[^[:space:]]+/debian/?$' /etc/apt/sources.list.d/*.sources |
    head -n1 | awk '{ print $2 }')
  if [ -z "$mirror" ]; then
    mirror=$(grep -hsE '^deb[[:space:]]+https?://[^[:space:]]+/debian/?[[:space:]]' /etc/apt/sources.list \
      /etc/apt/sources.list.d/*.list | head -n1 | awk '{ print $2 }')
  fi
  mirror=${mirror:-http://deb.debian.org/debian}
  echo "install-go: adding ${codename}-backports from $mirror" >&2
  printf 'Types: deb\nURIs: %s\nSuites: %s-backports\nComponents: main\nSigned-By: %s\n' \
    "$mirror" "$codename" /usr/share/keyrings/debian-archive-keyring.gpg |
    "${as_root[@]}" tee /etc/apt/sources.list.d/gort-backports.sources >/dev/null
  "${as_root[@]}" apt-get update -qq >&2
  release=(-t "${codename}-backports")
else
  release=()
fi
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${release[@]}" "$pkg" >&2

if found=$(find_go); then
  echo "install-go: $("$found" version)" >&2
  echo "$found"
  exit 0
fi
echo "install-go: $pkg is installed but no Go 1.23 binary was found" >&2
exit 1
