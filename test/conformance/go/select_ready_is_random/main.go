// When several cases are ready, select picks one uniformly at random. Only a deterministic summary
// is printed: over 1000 rounds every ready case is chosen at least 100 times (failure probability
// is astronomically small), and a select over one ready case always picks that case.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	a := make(chan int, 1)
	b := make(chan int, 1)
	c := make(chan int, 1)
	counts := map[string]int{}
	for i := 0; i < 1000; i++ {
		a <- i
		b <- i
		c <- i
		select {
		case <-a:
			counts["a"]++
			<-b
			<-c
		case <-b:
			counts["b"]++
			<-a
			<-c
		case <-c:
			counts["c"]++
			<-a
			<-b
		}
	}
	fmt.Println("each case chosen >= 100 times:", counts["a"] >= 100 && counts["b"] >= 100 && counts["c"] >= 100)
	fmt.Println("total:", counts["a"]+counts["b"]+counts["c"])
	ready := make(chan int, 1)
	idle := make(chan int)
	only := 0
	for i := 0; i < 100; i++ {
		ready <- i
		select {
		case <-ready:
			only++
		case <-idle:
		}
	}
	fmt.Println("single ready case chosen", only, "of 100 times at", time.Since(start))
}
