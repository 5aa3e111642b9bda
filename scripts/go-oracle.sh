#!/usr/bin/env bash
# Go oracle: builds every program under test/conformance/go/<name>/ with Go's faketime (virtual
# clock), runs each one several times, decodes its playback output with scripts/decode-playback.mjs
# and (re)writes test/conformance/go/golden/<name>.txt. Fails if two runs of a program differ.
# See test/conformance/go/README.md.
#
# usage: scripts/go-oracle.sh [--check] [--runs N] [--procs N] [--keep] [NAME...]
#   --check     compare with the existing goldens instead of writing them; exit 1 on a difference
#   --runs N    runs per program that must agree (default 2)
#   --procs N   GOMAXPROCS for the runs (default 1, the setting the goldens are recorded with;
#               other values need --check: they show which goldens depend on GOMAXPROCS=1)
#   --keep      keep the temporary build/output directory and print its path
#   NAME...     only these programs (default: all); stale goldens are only pruned for a full run
set -euo pipefail

root=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
src="$root/test/conformance/go"
golden="$src/golden"
decoder="$root/scripts/decode-playback.mjs"

check=0 runs=2 procs=1 keep=0 only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=1 ;;
    --runs) runs=$2; shift ;;
    --procs) procs=$2; shift ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "go-oracle: unknown option $1" >&2; exit 2 ;;
    *) only+=("$1") ;;
  esac
  shift
done

if [ "$procs" != 1 ] && [ "$check" = 0 ]; then
  echo "go-oracle: goldens are recorded with GOMAXPROCS=1; use --procs $procs only with --check" >&2
  exit 2
fi

GO=$("$root/scripts/install-go.sh")
SECONDS=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/go-oracle.XXXXXX")
if [ "$keep" = 1 ]; then echo "go-oracle: keeping $tmp" >&2; else trap 'rm -rf "$tmp"' EXIT; fi

# A controlled environment: no inherited GODEBUG/GOTRACEBACK/GOGC, no toolchain download, one P.
unset GODEBUG GOTRACEBACK GOGC GOMEMLIMIT GORACE
export GOTOOLCHAIN=local GOFLAGS= GOWORK=off
# No TZ from the caller: Go's Local is then /etc/localtime, named "Local" (TZ=UTC would name it "UTC"). The
# time_* goldens print local times and were recorded where /etc/localtime is UTC (twins: test/setup.ts).
unset TZ

mapfile -t programs < <(cd "$src" && for d in */; do [ -f "$d/main.go" ] && echo "${d%/}"; done)
if [ ${#only[@]} -gt 0 ]; then
  for n in "${only[@]}"; do
    [ -f "$src/$n/main.go" ] || { echo "go-oracle: no program $n" >&2; exit 2; }
  done
  programs=("${only[@]}")
fi

(cd "$src" && "$GO" vet ./... && "$GO" build -tags faketime -o "$tmp/bin/" ./...)
echo "go-oracle: vetted and built all programs with $("$GO" version) in ${SECONDS}s" >&2

mkdir -p "$golden" "$tmp/out"
failed=0 changed=0
for name in "${programs[@]}"; do
  for i in $(seq 1 "$runs"); do
    o="$tmp/out/$name.$i"
    set +e
    GOMAXPROCS=$procs timeout 60 "$tmp/bin/$name" >"$o.stdout" 2>"$o.stderr" </dev/null
    rc=$?
    set -e
    if [ "$rc" = 124 ]; then
      echo "go-oracle: $name run $i timed out (60s wall)" >&2; failed=1; continue 2
    fi
    node "$decoder" --stdout "$o.stdout" --stderr "$o.stderr" --exit "$rc" >"$o.txt"
    if [ "$i" -gt 1 ] && ! cmp -s "$tmp/out/$name.1.txt" "$o.txt"; then
      echo "go-oracle: $name is not deterministic (run 1 vs run $i):" >&2
      diff "$tmp/out/$name.1.txt" "$o.txt" >&2 || true
      failed=1; continue 2
    fi
  done
  result="$tmp/out/$name.1.txt"
  if [ "$check" = 1 ]; then
    if ! cmp -s "$golden/$name.txt" "$result"; then
      echo "go-oracle: $name differs from its golden:" >&2
      diff "$golden/$name.txt" "$result" >&2 || true
      failed=1
    fi
  elif ! cmp -s "$golden/$name.txt" "$result"; then
    cp "$result" "$golden/$name.txt"
    echo "go-oracle: wrote golden/$name.txt" >&2
    changed=$((changed + 1))
  fi
done

if [ "$check" = 0 ] && [ ${#only[@]} -eq 0 ]; then
  for g in "$golden"/*.txt; do
    [ -e "$g" ] || continue
    n=$(basename "$g" .txt)
    if [ ! -f "$src/$n/main.go" ]; then rm "$g"; echo "go-oracle: removed stale golden/$n.txt" >&2; fi
  done
fi

echo "go-oracle: ${#programs[@]} programs x $runs runs (GOMAXPROCS=$procs), $changed goldens changed, ${SECONDS}s" >&2
exit "$failed"
