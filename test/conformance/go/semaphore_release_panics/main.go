// semaphore.Weighted.Release of more than is held panics "semaphore: released more than held";
// uncaught in a goroutine, the program crashes.
package main

import (
	"context"
	"fmt"
	"time"

	"gortoracle/xsync/semaphore"
)

func main() {
	sem := semaphore.NewWeighted(2)
	sem.Acquire(context.Background(), 1)
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		sem.Release(2)
	}()
	fmt.Println("still usable, TryAcquire(1):", sem.TryAcquire(1))
	// x/sync left the count lowered by the failed Release: the semaphore now grants more than its size.
	fmt.Println("then TryAcquire(2):", sem.TryAcquire(2))
	go func() {
		time.Sleep(10 * time.Millisecond)
		sem.Release(3)
	}()
	time.Sleep(time.Second)
	fmt.Println("not reached")
}
