// Stop of a pending timer returns true and prevents delivery; a second Stop returns false.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.NewTimer(20 * time.Millisecond)
	time.Sleep(5 * time.Millisecond)
	fmt.Println("first stop:", t.Stop(), "at", time.Since(start))
	fmt.Println("second stop:", t.Stop())
	select {
	case v := <-t.C:
		fmt.Println("unexpected value", v.Sub(start))
	case <-time.After(50 * time.Millisecond):
		fmt.Println("no value by", time.Since(start))
	}
	fmt.Println("stop after the old deadline:", t.Stop())
}
