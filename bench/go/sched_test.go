// Go figures for the rows of gort's bench suite (bench/sched.ts, bench/engine.ts) that Go's own time
// package has no benchmark for. Each benchmark does what the gort scenario it names does, so
// scripts/bench-readme.ts can show them side by side. Our own programs, not Go's test code. Run by scripts/bench-go.sh at GOMAXPROCS=1:
//
//	go test -cpu 1 -run '^$' -bench 'PingPong|SelectTimeout|Spawn' -count 5
//	go test -cpu 1 -run '^$' -bench TimerMemory -benchtime 1x   (once per sample)
package benchgo

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// sink keeps results alive so the compiler cannot drop the work.
var sink int

// BenchmarkPingPong: one op is a round trip. The benchmark goroutine sends i on ping; a partner
// goroutine receives it and sends i+1 back on pong; both channels are unbuffered, so every send
// parks one side and readies the other (gort: "ping-pong round trip").
func BenchmarkPingPong(b *testing.B) {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	b.ResetTimer()
	total := 0
	for i := 0; i < b.N; i++ {
		ping <- i
		total += <-pong
	}
	b.StopTimer()
	close(ping)
	for range pong {
	}
	sink = total
}

// BenchmarkSelectTimeout: one op is a select between a channel that already holds a value and a
// fresh one-second time.After, which never fires: the cost of the "receive or time out" idiom when
// the receive wins (gort: "select ready chan vs after(1s)").
func BenchmarkSelectTimeout(b *testing.B) {
	ready := make(chan int, 1)
	total := 0
	for i := 0; i < b.N; i++ {
		ready <- i
		select {
		case v := <-ready:
			total += v
		case <-time.After(time.Second):
			b.Fatal("a one-second timeout fired before a ready channel")
		}
	}
	sink = total
}

// BenchmarkSpawn: one op is one goroutine started and run to its first statement. Goroutines are
// started in batches of 1000, each batch waiting until its last one has run (gort: "spawn to first
// run"); one batch of b.N would hold b.N 2 KB stacks at once and measure the memory system instead.
func BenchmarkSpawn(b *testing.B) {
	const batch = 1000
	var started atomic.Int64
	done := make(chan struct{}, 1)
	for left := b.N; left > 0; left -= batch {
		size := int64(min(left, batch))
		started.Store(0)
		for range size {
			go func() {
				if started.Add(1) == size {
					done <- struct{}{}
				}
			}()
		}
		<-done
	}
}

// BenchmarkTimerMemory reports the heap bytes per pending func timer: a million AfterFunc(Hour, f)
// with one shared f, measured as the live heap after a GC minus the live heap before (gort: "Memory,
// shared callback"). The handles slice is allocated before the first reading, so only timers count.
// scripts/bench-go.sh runs it with -benchtime 1x, one process per sample: the figure includes growing
// the P's timer heap array from empty, as each of gort's memory samples does with its fresh heap (later
// runs in the same process would find that array already grown).
func BenchmarkTimerMemory(b *testing.B) {
	const n = 1_000_000
	f := func() {}
	handles := make([]*time.Timer, n)
	var before, after runtime.MemStats
	perTimer := 0.0
	for i := 0; i < b.N; i++ {
		runtime.GC()
		runtime.ReadMemStats(&before)
		for j := range handles {
			handles[j] = time.AfterFunc(time.Hour, f)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		if i == 0 {
			perTimer = float64(after.HeapAlloc-before.HeapAlloc) / n
		}
		for _, t := range handles {
			t.Stop()
		}
		clear(handles)
	}
	b.ReportMetric(perTimer, "B/timer")
}
