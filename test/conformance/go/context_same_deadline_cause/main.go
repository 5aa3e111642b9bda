// A WithTimeoutCause parent and a child with the same deadline and a cause of its own: both timers fire
// at the same instant and whichever cancels the child first decides its cause (GOMAXPROCS(1) order). A
// child with a later deadline is a plain WithCancel (the parent's deadline and cause); one with an earlier
// deadline and no cause gets DeadlineExceeded as its cause.
package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	parent, pc := context.WithTimeoutCause(context.Background(), 10*time.Millisecond, errors.New("parent slow"))
	defer pc()
	same, sc := context.WithTimeoutCause(parent, 10*time.Millisecond, errors.New("same slow"))
	defer sc()
	later, lc := context.WithTimeoutCause(parent, 20*time.Millisecond, errors.New("later slow"))
	defer lc()
	earlier, ec := context.WithTimeout(parent, 5*time.Millisecond)
	defer ec()
	dl, _ := later.Deadline()
	fmt.Println("later's deadline:", dl.Sub(start))
	<-earlier.Done()
	fmt.Println("earlier done at", time.Since(start), "err:", earlier.Err(), "cause:", context.Cause(earlier))
	fmt.Println("parent err at 5ms:", parent.Err())
	<-same.Done()
	fmt.Println("same done at", time.Since(start))
	time.Sleep(time.Millisecond)
	for _, c := range []struct {
		name string
		ctx  context.Context
	}{{"parent", parent}, {"same", same}, {"later", later}, {"earlier", earlier}} {
		fmt.Println(c.name, "err:", c.ctx.Err(), "cause:", context.Cause(c.ctx))
	}
	p2, pc2 := context.WithDeadlineCause(context.Background(), start.Add(30*time.Millisecond), errors.New("p2"))
	defer pc2()
	time.Sleep(4 * time.Millisecond)
	c2, cc2 := context.WithDeadlineCause(p2, start.Add(30*time.Millisecond), errors.New("c2"))
	defer cc2()
	<-c2.Done()
	fmt.Println("c2 done at", time.Since(start))
	time.Sleep(time.Millisecond)
	fmt.Println("p2 cause:", context.Cause(p2), "c2 cause:", context.Cause(c2))
	past, pastCancel := context.WithDeadlineCause(context.Background(), start, errors.New("already past"))
	fmt.Println("past deadline: err:", past.Err(), "cause:", context.Cause(past))
	pastCancel()
	fmt.Println("after cancel: err:", past.Err(), "cause:", context.Cause(past))
}
