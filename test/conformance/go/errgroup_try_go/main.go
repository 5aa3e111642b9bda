// errgroup.TryGo: starts a goroutine only within the limit; a limit of 0 lets nothing start.
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
	fmt.Println("no limit:", g.TryGo(func() error { return nil }))
	fmt.Println("wait:", g.Wait())

	g.SetLimit(1)
	fmt.Println("first:", g.TryGo(func() error { time.Sleep(10 * time.Millisecond); return errors.New("slow failed") }))
	fmt.Println("second:", g.TryGo(func() error { return errors.New("never runs") }))
	time.Sleep(10 * time.Millisecond)
	fmt.Println("after the first finished:", g.TryGo(func() error { return nil }))
	fmt.Println("wait:", g.Wait(), "at", time.Since(start))

	var z errgroup.Group
	z.SetLimit(0)
	fmt.Println("limit 0:", z.TryGo(func() error { return nil }))
	fmt.Println("wait:", z.Wait())
}
