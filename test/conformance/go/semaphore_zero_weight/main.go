// semaphore.Weighted with zero weights: Acquire(0) is immediate on an idle semaphore but queues behind
// waiters (FIFO even for nothing), TryAcquire(0) fails while anyone waits, Release(0) is a no-op; a
// semaphore of size 0 serves only Acquire(0), anything more waits for its context.
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
	s := semaphore.NewWeighted(2)
	fmt.Println("Acquire(0) idle:", s.Acquire(ctx, 0), "TryAcquire(0):", s.TryAcquire(0))
	_ = s.Acquire(ctx, 2)
	fmt.Println("full: TryAcquire(0):", s.TryAcquire(0))
	done := make(chan string, 4)
	go func() {
		_ = s.Acquire(ctx, 1)
		done <- fmt.Sprint("one at ", time.Since(start))
	}()
	time.Sleep(time.Millisecond)
	go func() {
		_ = s.Acquire(ctx, 0)
		done <- fmt.Sprint("zero at ", time.Since(start))
	}()
	time.Sleep(time.Millisecond)
	fmt.Println("with waiters: TryAcquire(0):", s.TryAcquire(0))
	s.Release(0)
	time.Sleep(time.Millisecond)
	fmt.Println("after Release(0): nothing served:", len(done))
	s.Release(1)
	fmt.Println(<-done)
	fmt.Println(<-done)
	z := semaphore.NewWeighted(0)
	fmt.Println("size 0: Acquire(0):", z.Acquire(ctx, 0), "TryAcquire(1):", z.TryAcquire(1))
	tctx, cancel := context.WithTimeout(ctx, 5*time.Millisecond)
	defer cancel()
	fmt.Println("size 0: Acquire(1):", z.Acquire(tctx, 1), "at", time.Since(start))
}
