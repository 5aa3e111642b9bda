// semaphore.Weighted serves waiters in arrival order as weight is released.
package main

import (
	"context"
	"fmt"
	"time"

	"gortoracle/xsync/semaphore"
)

func main() {
	start := time.Now()
	ctx := context.Background()
	sem := semaphore.NewWeighted(3)
	if err := sem.Acquire(ctx, 3); err != nil {
		panic(err)
	}
	served := make(chan string, 4)
	for i, n := range []int64{1, 2, 1, 3} {
		go func() {
			if err := sem.Acquire(ctx, n); err != nil {
				panic(err)
			}
			served <- fmt.Sprintf("waiter %d (n=%d) at %v", i, n, time.Since(start))
			time.Sleep(10 * time.Millisecond)
			sem.Release(n)
		}()
		time.Sleep(time.Millisecond) // arrival order 0, 1, 2, 3
	}
	time.Sleep(10 * time.Millisecond)
	fmt.Println("TryAcquire(1) with waiters queued:", sem.TryAcquire(1))
	sem.Release(1)
	fmt.Println(<-served)
	sem.Release(2)
	fmt.Println(<-served)
	fmt.Println(<-served)
	fmt.Println(<-served)
	if err := sem.Acquire(ctx, 3); err != nil {
		panic(err)
	}
	fmt.Println("all back at", time.Since(start))
}
