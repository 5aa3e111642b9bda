// Ticker.Reset changes the period; the next tick is one new period after the Reset.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	k := time.NewTicker(10 * time.Millisecond)
	for i := 0; i < 2; i++ {
		v := <-k.C
		fmt.Println("10ms tick value", v.Sub(start))
	}
	time.Sleep(5 * time.Millisecond)
	k.Reset(25 * time.Millisecond)
	fmt.Println("reset to 25ms at", time.Since(start))
	for i := 0; i < 2; i++ {
		v := <-k.C
		fmt.Println("25ms tick value", v.Sub(start))
	}
	// Reset discards a tick that is due but not yet received.
	time.Sleep(30 * time.Millisecond)
	k.Reset(5 * time.Millisecond)
	fmt.Println("reset to 5ms at", time.Since(start), "with an unread tick pending")
	v := <-k.C
	fmt.Println("first tick after reset value", v.Sub(start))
	k.Stop()
}
