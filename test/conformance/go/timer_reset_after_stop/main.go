// Reset after Stop returns false and re-arms the timer relative to the time of the Reset.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.NewTimer(10 * time.Millisecond)
	fmt.Println("stop:", t.Stop())
	time.Sleep(20 * time.Millisecond)
	fmt.Println("reset after stop:", t.Reset(15*time.Millisecond), "at", time.Since(start))
	v := <-t.C
	fmt.Println("value", v.Sub(start), "at", time.Since(start))
	fmt.Println("stop after receive:", t.Stop())
	fmt.Println("reset after stop again:", t.Reset(time.Millisecond))
	fmt.Println("stop before 1ms passes:", t.Stop())
	fmt.Println("reset stopped timer:", t.Reset(2*time.Millisecond))
	v = <-t.C
	fmt.Println("final value", v.Sub(start))
}
