#!/usr/bin/env bash
# Go's own figures for the benchmarks gort's suite re-expresses (`npm run bench:go`): Go 1.23's
# standard-library time benchmarks plus bench/go/ (ping-pong, select with a timeout, spawn — our own
# programs, for the rows Go's time package has no benchmark for, memory per timer, and 1M AfterFuncs
# under faketime: bench/go/faketime), all at
# GOMAXPROCS=1.
# Writes bench/go-results.json (median of --count runs per benchmark, the samples, per-timer /
# per-goroutine figures where Go's op covers many) for scripts/bench-readme.ts's "gort / Go" table.
# Without Go 1.23 it says so and exits 0, leaving the file alone (scripts/install-go.sh installs it).
#
# usage: scripts/bench-go.sh [--count N] [--benchtime T] [--out FILE]
#   --count N      runs per benchmark; the JSON keeps the median (default 5)
#   --benchtime T  go test -benchtime per run (default 1s)
#   --out FILE     default bench/go-results.json; the raw `go test` output goes to bench/out/go-bench.txt
# GO=/path/to/go picks the toolchain; otherwise scripts/install-go.sh --check finds one (it looks at
# /usr/lib/go-1.23/bin/go, then `go` on PATH, and accepts only Go 1.23).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
count=5 benchtime=1s out="$root/bench/go-results.json"
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift ;;
    --benchtime) benchtime=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-go: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

if ! go=$("$root/scripts/install-go.sh" --check 2>/dev/null); then
  echo "bench-go: Go 1.23 is not installed; skipping, $(basename "$out") left as it is." >&2
  echo "bench-go: install it with scripts/install-go.sh, or point GO= at a Go 1.23 binary." >&2
  exit 0
fi
version=$(GOTOOLCHAIN=local "$go" env GOVERSION)

mkdir -p "$root/bench/out"
raw="$root/bench/out/go-bench.txt"
export GOTOOLCHAIN=local GOMAXPROCS=1 GOFLAGS=
# The exact names in $(go env GOROOT)/src/time/{sleep,tick}_test.go (Go 1.23). Reset and Stop have
# impl=chan and impl=func sub-benchmarks; gort's engine rows compare with impl=func.
names='AfterFunc1000|SimultaneousAfterFunc1000|StartStop1000|Reset|Stop|Sleep1000|Ticker|TickerReset|After|AdjustTimers10000'
echo "bench-go: $version at GOMAXPROCS=1, -count $count -benchtime $benchtime (about $((20 * count)) s)" >&2
(
  # -tags timetzdata: the time package's tests load America/Los_Angeles, which a slim machine lacks.
  "$go" test -tags timetzdata -cpu 1 -run '^$' -bench "^Benchmark($names)\$" -benchtime "$benchtime" -count "$count" time
  cd "$root/bench/go"
  "$go" test -cpu 1 -run '^$' -bench '^Benchmark(PingPong|SelectTimeout|Spawn)$' -benchtime "$benchtime" -count "$count" .
  # Memory: one fresh process per sample (see BenchmarkTimerMemory).
  for _ in $(seq "$count"); do "$go" test -cpu 1 -run '^$' -bench '^BenchmarkTimerMemory$' -benchtime 1x .; done
  # Virtual time: 1M AfterFuncs under Go's faketime (bench/go/faketime), one process per sample; faketime
  # frames the program's output, so its benchmark line is grepped out (-a: the framing is binary).
  "$go" build -tags faketime -o "$root/bench/out/faketime-afterfunc" ./faketime
  for _ in $(seq "$count"); do "$root/bench/out/faketime-afterfunc" | grep -ao 'BenchmarkFaketimeAfterFunc1M.*ns/op'; done
) 2>&1 | tee "$raw" >&2

node --import tsx "$root/scripts/bench-go-parse.ts" "$raw" "$out" "$version" "$count" "$benchtime"
