// Receiving from a stopped timer blocks forever: with nothing else to run this is a deadlock.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.NewTimer(10 * time.Millisecond)
	time.Sleep(5 * time.Millisecond)
	fmt.Println("stop:", t.Stop(), "at", time.Since(start))
	<-t.C
	fmt.Println("not reached")
}
