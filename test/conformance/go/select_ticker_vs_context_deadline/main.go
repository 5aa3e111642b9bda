// A worker loops on select { ctx.Done(), ticker.C } where the deadline falls on a tick: at that instant
// the tick is delivered first (the deadline's callback runs in a goroutine of its own) and the next pass
// sees Done. Ticks, their values and the end are recorded by the worker.
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	for _, created := range []string{"ticker first", "context first"} {
		var tk *time.Ticker
		var ctx context.Context
		var cancel context.CancelFunc
		if created == "ticker first" {
			tk = time.NewTicker(10 * time.Millisecond)
			ctx, cancel = context.WithTimeout(context.Background(), 30*time.Millisecond)
		} else {
			ctx, cancel = context.WithTimeout(context.Background(), 30*time.Millisecond)
			tk = time.NewTicker(10 * time.Millisecond)
		}
		base := time.Now()
		var log []string
	loop:
		for {
			select {
			case <-ctx.Done():
				log = append(log, fmt.Sprint("done at ", time.Since(base), " ", ctx.Err()))
				break loop
			case v := <-tk.C:
				log = append(log, fmt.Sprint("tick ", v.Sub(base), " at ", time.Since(base), " err ", ctx.Err()))
			}
		}
		tk.Stop()
		cancel()
		fmt.Println(created, log)
	}
	fmt.Println("end at", time.Since(start))
}
