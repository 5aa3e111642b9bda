// Reset of a pending timer returns true and moves its deadline; Reset after fire+receive returns false.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.NewTimer(20 * time.Millisecond)
	time.Sleep(10 * time.Millisecond)
	fmt.Println("reset pending to 30ms:", t.Reset(30*time.Millisecond), "at", time.Since(start))
	v := <-t.C
	fmt.Println("fired value", v.Sub(start), "at", time.Since(start))
	fmt.Println("reset after receive:", t.Reset(5*time.Millisecond))
	v = <-t.C
	fmt.Println("fired again value", v.Sub(start))
	// Reset to an earlier deadline than the current one.
	t.Reset(time.Hour)
	time.Sleep(time.Millisecond)
	fmt.Println("reset hour timer to 1ms:", t.Reset(time.Millisecond))
	v = <-t.C
	fmt.Println("early value", v.Sub(start))
}
