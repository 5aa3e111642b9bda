// A panic in a function run by errgroup.Group.Go is not turned into an error: it crashes the program from
// the group's goroutine while Wait is blocked.
package main

import (
	"fmt"
	"time"

	"gortoracle/xsync/errgroup"
)

func main() {
	start := time.Now()
	var g errgroup.Group
	g.Go(func() error {
		time.Sleep(10 * time.Millisecond)
		return nil
	})
	g.Go(func() error {
		time.Sleep(5 * time.Millisecond)
		fmt.Println("second task fails at", time.Since(start))
		panic(fmt.Sprint("task failed at ", time.Since(start)))
	})
	fmt.Println("Wait:", g.Wait())
}
