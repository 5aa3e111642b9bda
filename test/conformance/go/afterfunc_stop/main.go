// AfterFunc's Stop returns true if it prevented the call, false if f already ran or was stopped.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.AfterFunc(20*time.Millisecond, func() { fmt.Println("f1 ran (unexpected)") })
	time.Sleep(10 * time.Millisecond)
	fmt.Println("stop pending:", t.Stop(), "at", time.Since(start))
	fmt.Println("stop again:", t.Stop())
	ran := make(chan bool)
	t2 := time.AfterFunc(5*time.Millisecond, func() {
		fmt.Println("f2 ran at", time.Since(start))
		ran <- true
	})
	<-ran
	fmt.Println("stop after it ran:", t2.Stop())
	time.Sleep(30 * time.Millisecond)
	fmt.Println("done at", time.Since(start))
}
