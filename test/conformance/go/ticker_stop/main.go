// After Ticker.Stop no further ticks arrive and an unread tick is discarded; Stop twice is fine.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	k := time.NewTicker(10 * time.Millisecond)
	v := <-k.C
	fmt.Println("tick value", v.Sub(start))
	time.Sleep(15 * time.Millisecond)
	k.Stop()
	fmt.Println("stopped at", time.Since(start), "with an unread tick due at 20ms")
	k.Stop()
	select {
	case v := <-k.C:
		fmt.Println("unexpected tick", v.Sub(start))
	case <-time.After(100 * time.Millisecond):
		fmt.Println("no tick until", time.Since(start))
	}
	k.Reset(10 * time.Millisecond)
	v = <-k.C
	fmt.Println("reset after stop restarts it: value", v.Sub(start))
	k.Stop()
}
