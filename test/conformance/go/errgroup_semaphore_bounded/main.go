// errgroup.WithContext and a weighted semaphore bounding the work: when a task fails, the tasks
// still waiting for the semaphore give up with the context's error, and Wait returns the failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"gortoracle/xsync/errgroup"
	"gortoracle/xsync/semaphore"
)

func main() {
	start := time.Now()
	g, ctx := errgroup.WithContext(context.Background())
	sem := semaphore.NewWeighted(2)
	var mu sync.Mutex
	results := make([]string, 6)
	for i := 0; i < 6; i++ {
		g.Go(func() error {
			if err := sem.Acquire(ctx, 1); err != nil {
				mu.Lock()
				results[i] = fmt.Sprint("task ", i, " gave up at ", time.Since(start), ": ", err)
				mu.Unlock()
				return nil
			}
			defer sem.Release(1)
			time.Sleep(time.Duration(10*(i+1)) * time.Millisecond)
			mu.Lock()
			results[i] = fmt.Sprint("task ", i, " ran until ", time.Since(start))
			mu.Unlock()
			if i == 2 {
				return errors.New("task 2 failed")
			}
			return nil
		})
	}
	err := g.Wait()
	fmt.Println("wait:", err, "at", time.Since(start), "cause:", context.Cause(ctx))
	for _, r := range results {
		fmt.Println(r)
	}
}
