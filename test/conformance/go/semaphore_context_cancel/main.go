// semaphore.Weighted.Acquire with a context: a waiter gives up at its deadline and leaves the
// semaphore unchanged; if it was the head, the waiters behind it are served at once; a done context
// fails even when the weight is free; a request larger than the semaphore waits for its context.
package main

import (
	"context"
	"fmt"
	"time"

	"gortoracle/xsync/semaphore"
)

func main() {
	start := time.Now()
	bg := context.Background()
	sem := semaphore.NewWeighted(4)
	sem.Acquire(bg, 2)

	res := make(chan string, 2)
	go func() {
		ctx, cancel := context.WithTimeout(bg, 20*time.Millisecond)
		defer cancel()
		err := sem.Acquire(ctx, 3)
		res <- fmt.Sprint("head (3) gave up at ", time.Since(start), ": ", err)
	}()
	time.Sleep(time.Millisecond)
	go func() {
		err := sem.Acquire(bg, 2)
		res <- fmt.Sprint("small (2) served at ", time.Since(start), ": ", err)
	}()
	fmt.Println(<-res)
	fmt.Println(<-res)
	fmt.Println("full now, TryAcquire(1):", sem.TryAcquire(1))
	sem.Release(4)

	done, cancel := context.WithCancel(bg)
	cancel()
	fmt.Println("cancelled ctx, free weight:", sem.Acquire(done, 1), "TryAcquire(4):", sem.TryAcquire(4))
	sem.Release(4)

	ctx, cancel2 := context.WithTimeout(bg, 30*time.Millisecond)
	defer cancel2()
	fmt.Println("larger than the semaphore:", sem.Acquire(ctx, 5), "at", time.Since(start))
}
