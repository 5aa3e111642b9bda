//go:build faketime

// Go's own figure for gort's "virtual time, 1,000,000 timers scheduled+fired" row (bench/sched.ts
// gortVirtual): n AfterFuncs with the same pseudo-random delays (i·2654435761 mod 10^6 ms), run to
// completion under Go's faketime, where the clock jumps to the next timer whenever every goroutine is
// blocked. Our own program, not Go's test code. Built with -tags faketime by scripts/bench-go.sh, which
// runs it at GOMAXPROCS=1 and reads its one output line, in `go test -bench` format so
// scripts/bench-go-parse.ts treats it like the other benchmarks.
//
// Under faketime the time package's clock is virtual, so the real elapsed time is read from the kernel
// (gettimeofday), which faketime does not touch.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"
)

func realNow() int64 {
	var tv syscall.Timeval
	if err := syscall.Gettimeofday(&tv); err != nil {
		panic(err)
	}
	return tv.Nano()
}

func main() {
	n := 1_000_000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	var fired atomic.Int64
	done := make(chan struct{})
	start := realNow()
	for i := 0; i < n; i++ {
		d := time.Duration((uint64(i)*2654435761)%1_000_000) * time.Millisecond
		time.AfterFunc(d, func() {
			if fired.Add(1) == int64(n) {
				close(done)
			}
		})
	}
	<-done
	elapsed := realNow() - start
	if fired.Load() != int64(n) {
		panic("not every timer fired")
	}
	// faketime frames what a program writes (playback headers): scripts/bench-go.sh greps the line out.
	fmt.Printf("BenchmarkFaketimeAfterFunc1M \t       1\t%d ns/op\n", elapsed)
}
