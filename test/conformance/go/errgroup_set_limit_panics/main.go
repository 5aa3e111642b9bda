// errgroup.SetLimit while goroutines started under a limit are active panics; uncaught, the program
// crashes with that message.
package main

import (
	"fmt"
	"time"

	"gortoracle/xsync/errgroup"
)

func main() {
	var g errgroup.Group
	g.SetLimit(3)
	g.Go(func() error { time.Sleep(10 * time.Millisecond); return nil })
	g.Go(func() error { time.Sleep(20 * time.Millisecond); return nil })
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		g.SetLimit(5)
	}()
	time.Sleep(15 * time.Millisecond)
	g.SetLimit(1)
}
