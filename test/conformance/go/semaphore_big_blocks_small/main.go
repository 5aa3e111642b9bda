// semaphore.Weighted is FIFO: a large waiter at the head of the queue holds back a small one behind
// it even though the small one would fit; once the head is served the small one follows.
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
	sem := semaphore.NewWeighted(4)
	sem.Acquire(ctx, 3)
	got := make(chan string)
	go func() {
		sem.Acquire(ctx, 4)
		got <- fmt.Sprint("big (4) at ", time.Since(start))
		time.Sleep(10 * time.Millisecond)
		sem.Release(4)
	}()
	time.Sleep(time.Millisecond)
	go func() {
		sem.Acquire(ctx, 1)
		got <- fmt.Sprint("small (1) at ", time.Since(start))
		sem.Release(1)
	}()
	time.Sleep(time.Millisecond)
	fmt.Println("1 of 4 free, TryAcquire(1):", sem.TryAcquire(1))
	time.Sleep(20 * time.Millisecond)
	sem.Release(3)
	fmt.Println(<-got)
	fmt.Println(<-got)
	fmt.Println("TryAcquire(4) at the end:", sem.TryAcquire(4), "at", time.Since(start))
}
