// A receive from the channel of a timer that is already due does not block (Go 1.23 runs the timer in
// the receive): main goes on before a runnable goroutine gets to run, as after Sleep(0); Sleep(1ns) and a
// receive from a pending timer do yield (runtime.GOMAXPROCS(1)).
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	var order []string
	step := func(name string, wait func()) {
		go func() { order = append(order, "goroutine of "+name) }()
		wait()
		order = append(order, "main after "+name)
	}
	step("NewTimer(0) receive", func() { <-time.NewTimer(0).C })
	step("After(-1) receive", func() { <-time.After(-1) })
	step("Sleep(0)", func() { time.Sleep(0) })
	t := time.NewTimer(time.Millisecond)
	time.Sleep(2 * time.Millisecond)
	step("due timer receive", func() { <-t.C })
	step("due timer select", func() {
		t.Reset(0)
		select {
		case <-t.C:
		case <-time.After(time.Hour):
		}
	})
	step("Sleep(1ns)", func() { time.Sleep(1) })
	step("After(1ns) receive", func() { <-time.After(1) })
	step("Gosched", runtime.Gosched)
	for i, s := range order {
		fmt.Println(i, s)
	}
}
