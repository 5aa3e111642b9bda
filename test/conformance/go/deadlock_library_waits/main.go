// A deadlock report with goroutines blocked inside library calls: semaphore.Acquire (select, and a
// request larger than the semaphore: a receive from a nil Done channel), errgroup.Go at its limit (chan
// send), errgroup.Wait (semacquire), a receive from a context's Done, sync.Once.Do waiting for another
// goroutine's f, a Ticker's channel after Stop; main in sync.WaitGroup.Wait.
package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"gortoracle/xsync/errgroup"
	"gortoracle/xsync/semaphore"
)

func main() {
	start := time.Now()
	sem := semaphore.NewWeighted(2)
	_ = sem.Acquire(context.Background(), 2)
	go func() { _ = sem.Acquire(context.Background(), 1) }()
	go func() { _ = sem.Acquire(context.Background(), 3) }()
	var g errgroup.Group
	g.SetLimit(1)
	block := make(chan int)
	g.Go(func() error { <-block; return nil })
	go func() { g.Go(func() error { return nil }) }()
	go func() { _ = g.Wait() }()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { <-ctx.Done() }()
	var once sync.Once
	go once.Do(func() { <-block })
	go once.Do(func() {})
	tk := time.NewTicker(time.Millisecond)
	tk.Stop()
	go func() { <-tk.C }()
	var wg sync.WaitGroup
	wg.Add(1)
	time.Sleep(time.Millisecond)
	fmt.Println("main waits at", time.Since(start))
	wg.Wait()
}
