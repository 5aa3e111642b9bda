// errgroup.WithContext: the first error cancels the derived context with the error as its cause;
// Wait cancels it too (cause context.Canceled when nothing failed).
package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gortoracle/xsync/errgroup"
)

func main() {
	start := time.Now()
	g, ctx := errgroup.WithContext(context.Background())
	for i := 0; i < 2; i++ {
		g.Go(func() error {
			select {
			case <-ctx.Done():
				return fmt.Errorf("worker %d stopped: %w", i, ctx.Err())
			case <-time.After(time.Second):
				return nil
			}
		})
	}
	g.Go(func() error {
		time.Sleep(15 * time.Millisecond)
		return errors.New("disk full")
	})
	<-ctx.Done()
	fmt.Println("ctx done at", time.Since(start), "err:", ctx.Err(), "cause:", context.Cause(ctx))
	fmt.Println("wait:", g.Wait(), "at", time.Since(start))

	g2, ctx2 := errgroup.WithContext(context.Background())
	g2.Go(func() error { time.Sleep(10 * time.Millisecond); return nil })
	fmt.Println("before wait:", ctx2.Err())
	fmt.Println("wait:", g2.Wait(), "ctx:", ctx2.Err(), "cause:", context.Cause(ctx2), "at", time.Since(start))

	parent, cancel := context.WithCancelCause(context.Background())
	g3, ctx3 := errgroup.WithContext(parent)
	g3.Go(func() error {
		<-ctx3.Done()
		return context.Cause(ctx3)
	})
	time.Sleep(5 * time.Millisecond)
	cancel(errors.New("parent gone"))
	fmt.Println("parent cancelled, wait:", g3.Wait(), "cause:", context.Cause(ctx3), "at", time.Since(start))
}
