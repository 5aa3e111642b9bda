// WithDeadline/WithTimeout under a parent whose deadline is earlier: the child is a plain cancel context
// (its String says WithCancel), its Deadline is the parent's, it ends with the parent, and a
// WithDeadlineCause/WithTimeoutCause cause is never used.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	parent, cancelParent := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancelParent()
	later, cancelLater := context.WithTimeout(parent, time.Hour)
	defer cancelLater()
	laterCause, cancelLaterCause := context.WithTimeoutCause(parent, time.Hour, errors.New("too slow"))
	defer cancelLaterCause()
	dl, cancelDl := context.WithDeadlineCause(parent, start.Add(time.Minute), errors.New("missed"))
	defer cancelDl()
	same, cancelSame := context.WithDeadline(parent, start.Add(10*time.Millisecond))
	defer cancelSame()
	earlier, cancelEarlier := context.WithTimeoutCause(parent, 5*time.Millisecond, errors.New("child first"))
	defer cancelEarlier()
	for _, c := range []context.Context{later, laterCause, dl, same, earlier} {
		d, ok := c.Deadline()
		fmt.Println(c, "deadline", d.Sub(start), ok)
	}
	<-earlier.Done()
	fmt.Println("earlier done at", time.Since(start), earlier.Err(), context.Cause(earlier), "parent", parent.Err())
	<-later.Done()
	fmt.Println("later done at", time.Since(start))
	for _, c := range []context.Context{later, laterCause, dl, same} {
		fmt.Println(c.Err(), "/", context.Cause(c))
	}
	past, cancelPast := context.WithDeadlineCause(parent, start, errors.New("already past"))
	defer cancelPast()
	fmt.Println(past, past.Err(), context.Cause(past))
	bg, cancelBg := context.WithDeadlineCause(context.Background(), start, errors.New("already past"))
	defer cancelBg()
	fmt.Println(bg.Err(), context.Cause(bg))
}
