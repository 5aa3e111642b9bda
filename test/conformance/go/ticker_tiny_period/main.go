// A Ticker of 1ns and one of 3ms read late: the value received is the first missed tick, and the next
// one is the first tick after the receive; time.Tick(1ns); Reset to 1ns.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	tk := time.NewTicker(1)
	time.Sleep(10 * time.Millisecond)
	for i := 0; i < 3; i++ {
		v := <-tk.C
		fmt.Println("1ns ticker: value", v.Sub(start), "at", time.Since(start))
	}
	tk.Stop()

	t3 := time.NewTicker(3 * time.Millisecond)
	base := time.Since(start)
	for _, d := range []time.Duration{7, 1, 5, 0, 0, 11} {
		time.Sleep(d * time.Millisecond)
		v := <-t3.C
		fmt.Println("3ms ticker after sleeping", d*time.Millisecond, "value", v.Sub(start)-base, "at", time.Since(start)-base)
	}
	t3.Reset(1)
	v := <-t3.C
	fmt.Println("reset to 1ns: value", v.Sub(start)-base, "at", time.Since(start)-base)
	time.Sleep(time.Microsecond)
	v = <-t3.C
	fmt.Println("after 1µs: value", v.Sub(start)-base, "at", time.Since(start)-base)
	t3.Stop()

	tick := time.Tick(1)
	time.Sleep(time.Millisecond)
	a, b := <-tick, <-tick
	fmt.Println("Tick(1ns):", a.Sub(start)-base, b.Sub(start)-base, "at", time.Since(start)-base)
}
