// runtime.Gosched puts the caller on the global run queue, which the scheduler looks at every 61st
// schedule tick. A ping-pong over unbuffered channels hands the P on through runnext, inheriting the time
// slice without counting ticks, so the yielded goroutine runs only when the chain stops.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	ping, pong := make(chan int), make(chan int)
	round := 0
	seen := make(chan int, 1)
	ready := make(chan bool)
	go func() {
		ready <- true
		runtime.Gosched()
		seen <- round
	}()
	<-ready // the goroutine above readies main, then yields to the global queue
	go func() {
		for v := range ping {
			pong <- v + 1
		}
	}()
	for round = 0; round < 300; round++ {
		ping <- round
		<-pong
	}
	fmt.Println("yielded goroutine ran at round", <-seen, "of", round, "at", time.Since(start))
	close(ping)

}
