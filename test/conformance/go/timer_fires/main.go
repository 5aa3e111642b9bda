// A timer created with NewTimer delivers one value at its deadline; the value is the firing time.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.NewTimer(10 * time.Millisecond)
	fmt.Println("created")
	v := <-t.C
	fmt.Println("received at", time.Since(start), "value", v.Sub(start))
	t2 := time.NewTimer(15 * time.Millisecond)
	t3 := time.NewTimer(5 * time.Millisecond)
	v3 := <-t3.C
	fmt.Println("t3 value", v3.Sub(start), "at", time.Since(start))
	v2 := <-t2.C
	fmt.Println("t2 value", v2.Sub(start), "at", time.Since(start))
}
