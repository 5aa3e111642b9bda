// A deadlock after goroutines have been blocked for five virtual minutes: the headers show the wait
// reasons (chan receive, sync.Mutex.Lock, chan send (nil chan), select (no cases)) with no ", N minutes"
// (Go records when a goroutine blocked only during a garbage collection, which never runs here).
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	c := make(chan int)
	var mu sync.Mutex
	mu.Lock()
	go func() { <-c }()
	go func() { mu.Lock() }()
	go func() {
		var nilc chan int
		nilc <- 1
	}()
	go func() { select {} }()
	go func() { c <- 1; c <- 2 }()
	time.Sleep(5 * time.Minute)
	fmt.Println("slept 5 minutes")
	<-c
	<-c
}
