// The zombie count check() tests after running timers is against Go's ts.len, the heap length at the
// last unlock, not the current one: stopping the head and another AfterFunc leaves two zombies in a heap
// of four, Gosched's timer check drops the head zombie and keeps the other (1 > 4/4 is false), the next
// inserts leave it where it is (not at the head or the tail), and it decides which of two AfterFuncs at
// the same instant fires first (GOMAXPROCS(1): one heap).
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	runtime.Gosched() // let the finalizer goroutine run and park: the second Gosched then checks timers once
	ms := time.Millisecond
	f := func(name string) func() { return func() { fmt.Println(name, "ran") } }
	a0 := time.AfterFunc(10*ms, f("a0"))
	a1 := time.AfterFunc(20*ms, f("a1"))
	time.AfterFunc(30*ms, f("a2"))
	time.AfterFunc(20*ms, f("a3"))
	fmt.Println("stop a0", a0.Stop(), "stop a1", a1.Stop())
	runtime.Gosched()
	time.AfterFunc(30*ms, f("b0"))
	time.Sleep(50 * ms)
	fmt.Println("main done")
}
