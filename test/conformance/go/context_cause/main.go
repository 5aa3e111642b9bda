// context.Cause with WithCancelCause, WithTimeoutCause and AfterFunc.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ctx, cancel := context.WithCancelCause(context.Background())
	ranAt := make(chan time.Duration, 1)
	stop := context.AfterFunc(ctx, func() { ranAt <- time.Since(start) })
	time.Sleep(10 * time.Millisecond)
	cancel(errors.New("shutting down"))
	fmt.Println("err:", ctx.Err(), "cause:", context.Cause(ctx))
	fmt.Println("AfterFunc ran at", <-ranAt)
	time.Sleep(time.Millisecond)
	fmt.Println("stop after AfterFunc ran:", stop())

	tctx, tcancel := context.WithTimeoutCause(context.Background(), 15*time.Millisecond, errors.New("too slow"))
	defer tcancel()
	<-tctx.Done()
	fmt.Println("timeout at", time.Since(start), "err:", tctx.Err(), "cause:", context.Cause(tctx))

	c2, cancel2 := context.WithCancel(context.Background())
	stop2 := context.AfterFunc(c2, func() { fmt.Println("not reached") })
	fmt.Println("stop before cancel:", stop2())
	cancel2()
	fmt.Println("cause of plain cancel:", context.Cause(c2))
	time.Sleep(time.Millisecond)
}
