#!/usr/bin/env bash
# Differential oracle: generates the Go programs of a seed range with test/conformance/fuzz/gen.ts, builds
# them with Go 1.23's faketime (virtual clock), runs each one several times at GOMAXPROCS=1, decodes the
# output with scripts/decode-playback.mjs and writes test/conformance/fuzz/golden/<seed>.txt (the format
# of test/conformance/go/golden) plus test/conformance/fuzz/corpus.txt, one line per seed:
#   <seed> <hash of the Go source> ok|nondeterministic
# A program whose runs differ (select chose among several ready cases, see gen.ts) is recorded as
# nondeterministic and gets no golden. test/conformance/fuzz.test.ts replays the corpus against gort.
# See test/conformance/go/README.md ("Differential programs").
#
# usage: scripts/fuzz-oracle.sh [--from N] [--count N] [--runs N] [--check] [--keep]
#   --from N    first seed (default 1)
#   --count N   number of seeds (default 1000: the committed corpus)
#   --runs N    runs per program that must agree (default 8)
#   --check     compare with the recorded corpus instead of writing it (exit 1 on a difference)
#   --keep      keep the temporary directory (Go sources, binaries, raw output) and print its path
#   --wide      exploration: gen.ts's "wide" profile (replay with FUZZ_PROFILE=wide; restore the committed
#               corpus with git afterwards, fuzz.test.ts checks the base profile's hashes)
#   --ext       exploration: gen.ts's "ext" profile, wide plus the ops only it generates (Mutex, TryLock,
#               time.Tick, polls of timer channels, send+recv select, nested select, WithoutCancel,
#               WithDeadlineCause, context.AfterFunc on a child); replay with FUZZ_PROFILE=ext
set -euo pipefail

root=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
fuzz="$root/test/conformance/fuzz"
golden="$fuzz/golden"
corpus="$fuzz/corpus.txt"
decoder="$root/scripts/decode-playback.mjs"

from=1 count=1000 runs=8 check=0 keep=0 wide=()
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from=$2; shift ;;
    --count) count=$2; shift ;;
    --runs) runs=$2; shift ;;
    --check) check=1 ;;
    --keep) keep=1 ;;
    --wide) wide=(--wide) ;;
    --ext) wide=(--ext) ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fuzz-oracle: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

GO=$("$root/scripts/install-go.sh")
SECONDS=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-oracle.XXXXXX")
if [ "$keep" = 1 ]; then echo "fuzz-oracle: keeping $tmp" >&2; else trap 'rm -rf "$tmp"' EXIT; fi

# The environment of scripts/go-oracle.sh: nothing from the caller changes Go's output.
unset GODEBUG GOTRACEBACK GOGC GOMEMLIMIT GORACE TZ
export GOTOOLCHAIN=local GOFLAGS= GOWORK=off

(cd "$root" && node --import tsx test/conformance/fuzz/gen.ts write "$tmp/src" "$from" "$count" "${wide[@]}") >"$tmp/hashes.txt"
(cd "$tmp/src" && "$GO" build -tags faketime -o "$tmp/bin/" ./...)
echo "fuzz-oracle: generated and built $count programs (seeds $from..$((from + count - 1))) in ${SECONDS}s" >&2

mkdir -p "$golden" "$tmp/out"
: >"$tmp/corpus.txt"
failed=0 nondet=0
while read -r seed hash; do
  status=ok
  for i in $(seq 1 "$runs"); do
    o="$tmp/out/$seed.$i"
    set +e
    GOMAXPROCS=1 timeout 60 "$tmp/bin/s$seed" >"$o.stdout" 2>"$o.stderr" </dev/null
    rc=$?
    set -e
    if [ "$rc" = 124 ]; then echo "fuzz-oracle: seed $seed timed out (60s wall)" >&2; failed=1; status=timeout; break; fi
    echo "$rc" >"$o.rc"
    # The raw captures (virtual timestamps included) must be byte for byte those of run 1.
    if [ "$i" = 1 ]; then
      node "$decoder" --stdout "$o.stdout" --stderr "$o.stderr" --exit "$rc" >"$o.txt"
    elif ! cmp -s "$tmp/out/$seed.1.stdout" "$o.stdout" || ! cmp -s "$tmp/out/$seed.1.stderr" "$o.stderr" ||
      ! cmp -s "$tmp/out/$seed.1.rc" "$o.rc"; then
      status=nondeterministic
      nondet=$((nondet + 1))
      break
    fi
  done
  echo "$seed $hash $status" >>"$tmp/corpus.txt"
  if [ "$status" = ok ]; then
    if [ "$check" = 1 ]; then
      if ! cmp -s "$golden/$seed.txt" "$tmp/out/$seed.1.txt"; then
        echo "fuzz-oracle: seed $seed differs from its golden:" >&2
        diff "$golden/$seed.txt" "$tmp/out/$seed.1.txt" >&2 || true
        failed=1
      fi
    else
      cp "$tmp/out/$seed.1.txt" "$golden/$seed.txt"
    fi
  elif [ "$check" = 0 ]; then
    rm -f "$golden/$seed.txt"
  fi
done <"$tmp/hashes.txt"

if [ "$check" = 1 ]; then
  if ! diff <(grep -E "^($(cut -d' ' -f1 "$tmp/corpus.txt" | paste -sd'|')) " "$corpus") "$tmp/corpus.txt" >&2; then
    echo "fuzz-oracle: corpus.txt differs (generator changed, or a different nondeterministic set)" >&2
    failed=1
  fi
else
  # Merge: seeds outside the range keep their lines.
  { [ -f "$corpus" ] && grep -vE "^($(cut -d' ' -f1 "$tmp/corpus.txt" | paste -sd'|')) " "$corpus" || true; cat "$tmp/corpus.txt"; } |
    sort -n >"$tmp/merged.txt"
  mv "$tmp/merged.txt" "$corpus"
fi
echo "fuzz-oracle: $count programs x $runs runs, $nondet nondeterministic, ${SECONDS}s" >&2
exit "$failed"
