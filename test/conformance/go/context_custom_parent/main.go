// Contexts derived from a Context implementation of the program's own, whose Done channel is not a
// standard context's: WithCancel starts a goroutine that waits for either to be done (NumGoroutine shows
// it); the parent's Err becomes the child's Err and Cause. A custom type that only embeds a standard
// context (same Done) is linked directly, without a goroutine.
package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
)

// custom has a Done channel of its own and reports errStopped once it is closed.
type custom struct {
	context.Context
	done chan struct{}
}

var errStopped = errors.New("custom parent stopped")

func (c *custom) Done() <-chan struct{} { return c.done }

func (c *custom) Err() error {
	select {
	case <-c.done:
		return errStopped
	default:
		return nil
	}
}

// wrapper only embeds a context: its Done is the embedded one's.
type wrapper struct{ context.Context }

func main() {
	start := time.Now()
	fmt.Println("goroutines at start:", runtime.NumGoroutine())
	p := &custom{Context: context.Background(), done: make(chan struct{})}
	child, cancelChild := context.WithCancel(p)
	defer cancelChild()
	grand, cancelGrand := context.WithTimeout(child, time.Hour)
	defer cancelGrand()
	fmt.Println("after WithCancel(custom):", runtime.NumGoroutine())
	other, cancelOther := context.WithCancel(p)
	fmt.Println("after a second WithCancel(custom):", runtime.NumGoroutine())
	cancelOther()
	time.Sleep(time.Millisecond)
	fmt.Println("after cancelling it:", runtime.NumGoroutine(), "err:", other.Err(), "cause:", context.Cause(other))
	go func() {
		time.Sleep(10 * time.Millisecond)
		close(p.done)
	}()
	<-grand.Done()
	fmt.Println("grandchild done at", time.Since(start), "err:", grand.Err(), "cause:", context.Cause(grand))
	fmt.Println("child err:", child.Err(), "cause:", context.Cause(child), "is errStopped:", child.Err() == errStopped)
	time.Sleep(time.Millisecond)
	fmt.Println("goroutines after:", runtime.NumGoroutine())

	base, cancelBase := context.WithCancelCause(context.Background())
	w := wrapper{base}
	wc, cancelWC := context.WithCancel(w)
	defer cancelWC()
	fmt.Println("after WithCancel(wrapper):", runtime.NumGoroutine())
	cancelBase(errors.New("base gone"))
	fmt.Println("wrapper's child err:", wc.Err(), "cause:", context.Cause(wc), "wrapper cause:", context.Cause(w))
	af := context.AfterFunc(p, func() { fmt.Println("AfterFunc on a done custom parent") })
	time.Sleep(time.Millisecond)
	fmt.Println("stop:", af(), "goroutines:", runtime.NumGoroutine())
}
