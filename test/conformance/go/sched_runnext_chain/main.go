// A long ping-pong over unbuffered channels hands the P back and forth through runnext, inheriting the
// time slice: under faketime nothing preempts it (sysmon measures time by the virtual clock, which stands
// still), so a goroutine waiting in the local run queue runs only when the chain stops.
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
	go func() { seen <- round }() // X: waits in the run queue
	go func() {
		for v := range ping {
			pong <- v + 1
		}
	}()
	for round = 0; round < 5000; round++ {
		ping <- round
		<-pong
	}
	fmt.Println("X ran at round", <-seen, "of", round, "at", time.Since(start))
	close(ping)
}
