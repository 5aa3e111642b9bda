// context.WithDeadline with a deadline in the past (or WithTimeout(<= 0)) is done at once.
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(10 * time.Millisecond)
	ctx, cancel := context.WithDeadline(context.Background(), start)
	defer cancel()
	select {
	case <-ctx.Done():
		fmt.Println("past deadline: done immediately at", time.Since(start), "err:", ctx.Err())
	default:
		fmt.Println("past deadline: not done")
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 0)
	defer cancel2()
	fmt.Println("WithTimeout(0) err:", ctx2.Err())
	ctx3, cancel3 := context.WithTimeout(context.Background(), -time.Second)
	defer cancel3()
	<-ctx3.Done()
	fmt.Println("WithTimeout(-1s) done at", time.Since(start), "err:", ctx3.Err())
}
