// errgroup: Wait waits for every goroutine and returns the error returned first in time, not the
// first started or the last.
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
	for _, ms := range []int{30, 10, 20, 40} {
		g.Go(func() error {
			time.Sleep(time.Duration(ms) * time.Millisecond)
			if ms == 40 {
				return nil
			}
			return fmt.Errorf("task %dms failed", ms)
		})
	}
	fmt.Println("started all at", time.Since(start))
	err := g.Wait()
	fmt.Println("wait returned at", time.Since(start), "err:", err)

	var ok errgroup.Group
	ok.Go(func() error { time.Sleep(5 * time.Millisecond); return nil })
	fmt.Println("no errors:", ok.Wait(), "at", time.Since(start))

	var empty errgroup.Group
	fmt.Println("empty group:", empty.Wait())

	sentinel := errors.New("sentinel")
	var g2 errgroup.Group
	g2.Go(func() error { return sentinel })
	err = g2.Wait()
	fmt.Println("same error value:", err == sentinel, "wait again:", g2.Wait())
}
