// signal.NotifyContext: the program sends itself SIGTERM; the context is cancelled (err and cause
// context.Canceled). NotifyContext starts goroutines (runtime.NumGoroutine). Under faketime no time
// passes while a signal is awaited, so the program never sleeps after NotifyContext.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines before:", runtime.NumGoroutine())
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	fmt.Println("goroutines after NotifyContext:", runtime.NumGoroutine(), "err:", ctx.Err())
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		panic(err)
	}
	<-ctx.Done()
	fmt.Println("signalled at", time.Since(start), "err:", ctx.Err(), "cause:", context.Cause(ctx))
	runtime.Gosched()
	fmt.Println("goroutines once cancelled:", runtime.NumGoroutine())
}
