// signal.NotifyContext: stop cancels the context; a registered signal does not end the program; a
// NotifyContext of a cancelled parent is done at once; the parent's cancellation reaches the child.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT)
	fmt.Println("before stop:", ctx.Err())
	stop()
	fmt.Println("after stop:", ctx.Err(), "cause:", context.Cause(ctx))
	stop()

	ctx2, stop2 := signal.NotifyContext(context.Background(), syscall.SIGINT)
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	<-ctx2.Done()
	fmt.Println("first SIGINT cancelled:", ctx2.Err())
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	fmt.Println("second SIGINT while registered: still running")
	stop2()

	parent, cancel := context.WithCancel(context.Background())
	cancel()
	ctx3, stop3 := signal.NotifyContext(parent, syscall.SIGTERM)
	fmt.Println("cancelled parent:", ctx3.Err())
	stop3()

	parent4, cancel4 := context.WithCancelCause(context.Background())
	ctx4, stop4 := signal.NotifyContext(parent4, syscall.SIGTERM)
	cancel4(fmt.Errorf("shutdown requested"))
	<-ctx4.Done()
	fmt.Println("parent cancelled later:", ctx4.Err(), "cause:", context.Cause(ctx4))
	stop4()
}
