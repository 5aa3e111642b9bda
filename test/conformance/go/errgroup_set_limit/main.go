// errgroup.SetLimit: Go blocks the caller while the limit is reached; goroutines start as others
// finish, in the order of the blocked Go calls.
package main

import (
	"fmt"
	"sync"
	"time"

	"gortoracle/xsync/errgroup"
)

func main() {
	start := time.Now()
	var g errgroup.Group
	g.SetLimit(2)
	var mu sync.Mutex
	var log []string
	for i, ms := range []int{30, 10, 20, 10, 5} {
		g.Go(func() error {
			mu.Lock()
			log = append(log, fmt.Sprintf("start %d at %v", i, time.Since(start)))
			mu.Unlock()
			time.Sleep(time.Duration(ms) * time.Millisecond)
			return nil
		})
		fmt.Println("Go", i, "returned at", time.Since(start))
	}
	fmt.Println("wait:", g.Wait(), "at", time.Since(start))
	for _, l := range log {
		fmt.Println(l)
	}

	var z errgroup.Group
	z.SetLimit(-1)
	for i := 0; i < 3; i++ {
		z.Go(func() error { time.Sleep(10 * time.Millisecond); return nil })
	}
	fmt.Println("negative limit: 3 started at", time.Since(start), "wait:", z.Wait(), "at", time.Since(start))
}
