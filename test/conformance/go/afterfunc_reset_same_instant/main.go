// Callbacks that reset other timers at the instant they fire: an AfterFunc resets a pending AfterFunc to
// 0 and a channel timer to 0 while main and another sleeper wake at that instant; the order of
// everything that runs then, under runtime.GOMAXPROCS(1).
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	var order []string
	note := func(s string) { order = append(order, fmt.Sprint(s, "@", time.Since(start))) }
	ms := time.Millisecond
	later := time.AfterFunc(20*ms, func() { note("later") })
	ct := time.NewTimer(30 * ms)
	go func() {
		v := <-ct.C
		note(fmt.Sprint("ct value ", v.Sub(start)))
	}()
	go func() {
		time.Sleep(10 * ms)
		note("sleeper")
	}()
	time.AfterFunc(10*ms, func() {
		note("first")
		note(fmt.Sprint("reset later ", later.Reset(0)))
		note(fmt.Sprint("reset ct ", ct.Reset(0)))
		time.AfterFunc(0, func() { note("nested zero") })
	})
	time.Sleep(10 * ms)
	note("main")
	time.Sleep(ms)
	fmt.Println(order)
}
