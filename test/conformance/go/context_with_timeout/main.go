// context.WithTimeout: Done closes at the deadline and Err becomes "context deadline exceeded".
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	dl, ok := ctx.Deadline()
	fmt.Println("deadline", dl.Sub(start), ok, "err", ctx.Err())
	select {
	case <-ctx.Done():
		fmt.Println("done early")
	case <-time.After(20 * time.Millisecond):
		fmt.Println("still running at", time.Since(start), "err", ctx.Err())
	}
	<-ctx.Done()
	fmt.Println("done at", time.Since(start), "err:", ctx.Err())
	fmt.Println("cause:", context.Cause(ctx))
	cancel()
	fmt.Println("err after cancel:", ctx.Err())
}
