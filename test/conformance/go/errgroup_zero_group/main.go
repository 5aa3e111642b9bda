// The zero errgroup.Group has no context: an error cancels nothing, other goroutines run to the end,
// and Wait still returns the first error.
package main

import (
	"errors"
	"fmt"
	"time"

	"gortoracle/xsync/errgroup"
)

func main() {
	start := time.Now()
	var g errgroup.Group
	finished := make(chan time.Duration, 1)
	g.Go(func() error { time.Sleep(5 * time.Millisecond); return errors.New("early failure") })
	g.Go(func() error {
		time.Sleep(25 * time.Millisecond)
		finished <- time.Since(start)
		return errors.New("late failure")
	})
	err := g.Wait()
	fmt.Println("wait:", err, "at", time.Since(start), "slow one finished at", <-finished)

	g.Go(func() error { return errors.New("after wait") })
	fmt.Println("reused group keeps its first error:", g.Wait())
}
