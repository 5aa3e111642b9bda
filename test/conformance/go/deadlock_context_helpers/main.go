// Goroutines the context package starts count like any other: a WithTimeout's deadline callback and a
// context.AfterFunc's f each run in a goroutine of their own (using up goroutine ids), and WithCancel of a
// parent with a Done channel of its own leaves a goroutine in a select, which a deadlock report lists.
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

type custom struct {
	context.Context
	done chan struct{}
}

func (c *custom) Done() <-chan struct{} { return c.done }

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	t, cancelT := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancelT()
	ran := make(chan bool)
	context.AfterFunc(t, func() { ran <- true })
	<-t.Done()
	<-ran
	fmt.Println("deadline and AfterFunc ran at", time.Since(start))
	p := &custom{Context: context.Background(), done: make(chan struct{})}
	child, cancelChild := context.WithCancel(p)
	defer cancelChild()
	block := make(chan int)
	go func() { <-child.Done() }()
	go func() { block <- 1 }()
	time.Sleep(time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
	<-p.done
}
