// Cancelling a context with goroutines blocked on its Done channel (a receive and a select), a child
// context with a waiter, and an AfterFunc on the child: the order in which they run at that instant
// (GOMAXPROCS(1)); each sees Err() set. One child per context, so no map order is involved.
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	root, cancel := context.WithCancel(context.Background())
	mid, cancelMid := context.WithCancel(root)
	defer cancelMid()
	var order []string
	never := make(chan int)
	go func() {
		<-root.Done()
		order = append(order, "recv root "+root.Err().Error())
	}()
	go func() {
		select {
		case <-root.Done():
			order = append(order, "select root "+root.Err().Error())
		case <-never:
		}
	}()
	go func() {
		<-mid.Done()
		order = append(order, "recv mid "+mid.Err().Error())
	}()
	context.AfterFunc(mid, func() { order = append(order, "afterfunc mid "+mid.Err().Error()) })
	go func() {
		time.Sleep(5 * time.Millisecond)
		order = append(order, "canceller before cancel")
		cancel()
		order = append(order, "canceller after cancel")
	}()
	time.Sleep(5 * time.Millisecond)
	order = append(order, "main at 5ms")
	time.Sleep(time.Millisecond)
	for i, s := range order {
		fmt.Println(i, s)
	}
	fmt.Println("at", time.Since(start))
}
