// A realistic pool: three workers take jobs from a channel, each job under a 15ms per-job timeout derived
// from a 60ms pool deadline; a ticker reports progress every 10ms; results are printed per job, sorted.
// A progress report at the instant a job ends depends on which runs first: runtime.GOMAXPROCS(1).
package main

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"
)

type result struct {
	job     int
	outcome string
}

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	pool, cancelPool := context.WithTimeout(context.Background(), 60*time.Millisecond)
	defer cancelPool()
	jobs := make(chan int)
	results := make(chan result)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				ctx, cancel := context.WithTimeout(pool, 15*time.Millisecond)
				work := time.Duration(3+(j*7)%20) * time.Millisecond
				t := time.NewTimer(work)
				var out string
				select {
				case <-t.C:
					out = fmt.Sprint("done after ", work)
				case <-ctx.Done():
					t.Stop()
					out = fmt.Sprint("gave up (", context.Cause(ctx), ") needing ", work)
				}
				cancel()
				results <- result{j, fmt.Sprint(out, " at ", time.Since(start))}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for j := 0; j < 12; j++ {
			select {
			case jobs <- j:
			case <-pool.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	tk := time.NewTicker(10 * time.Millisecond)
	defer tk.Stop()
	var all []result
	for done := false; !done; {
		select {
		case r, ok := <-results:
			if !ok {
				done = true
				break
			}
			all = append(all, r)
		case <-tk.C:
			fmt.Println("progress at", time.Since(start), ":", len(all), "results")
		}
	}
	sort.Slice(all, func(a, b int) bool { return all[a].job < all[b].job })
	for _, r := range all {
		fmt.Println("job", r.job, r.outcome)
	}
	fmt.Println("pool err:", pool.Err(), "at", time.Since(start))
}
