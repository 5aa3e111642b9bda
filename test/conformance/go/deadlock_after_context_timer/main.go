// A program blocked for good while a context deadline is still pending: the clock jumps to the deadline,
// its callback goroutine runs (using up a goroutine id) and cancels the context, and only then is the
// deadlock reported, at the deadline's time; the goroutine started afterwards shows the id it used.
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	stop := context.AfterFunc(ctx, func() {
		fmt.Println("AfterFunc at", time.Since(start), ctx.Err())
		go func() { select {} }()
	})
	defer stop()
	block := make(chan int)
	go func() { block <- 1 }()
	time.Sleep(time.Millisecond)
	<-block
	fmt.Println("received at", time.Since(start))
	<-block
}
