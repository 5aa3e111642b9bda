// errgroup with SetLimit(1) whose function calls Go on the same group: the inner Go waits for a slot the
// outer function holds, so the group deadlocks: the caller in chan send, main in Wait (semacquire).
package main

import (
	"fmt"
	"time"

	"gortoracle/xsync/errgroup"
)

func main() {
	start := time.Now()
	var g errgroup.Group
	g.SetLimit(1)
	g.Go(func() error {
		fmt.Println("outer starts at", time.Since(start), "TryGo:", g.TryGo(func() error { return nil }))
		time.Sleep(time.Millisecond)
		g.Go(func() error { return nil })
		return nil
	})
	fmt.Println("Wait:", g.Wait())
}
