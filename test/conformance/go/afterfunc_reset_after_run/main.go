// AfterFunc's Reset after f ran returns false and schedules f again; Reset of a pending one returns true.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ran := make(chan int)
	n := 0
	t := time.AfterFunc(10*time.Millisecond, func() {
		n++
		fmt.Println("f run", n, "at", time.Since(start))
		ran <- n
	})
	<-ran
	fmt.Println("reset after run:", t.Reset(15*time.Millisecond))
	<-ran
	fmt.Println("reset after second run:", t.Reset(20*time.Millisecond))
	time.Sleep(5 * time.Millisecond)
	fmt.Println("reset pending:", t.Reset(20*time.Millisecond), "at", time.Since(start))
	<-ran
	fmt.Println("stop after third run:", t.Stop())
	fmt.Println("reset after stop:", t.Reset(time.Millisecond))
	<-ran
	fmt.Println("done at", time.Since(start))
}
