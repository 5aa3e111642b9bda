// context.Cause across a tree: a child cancelled with its own cause keeps it when the parent is cancelled
// later; the parent's cause reaches the children it cancels (through WithValue, WithTimeout and contexts
// created after the cancel); WithoutCancel has no cause; cancel(nil) makes the cause Canceled; the first
// cancel wins.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

type key string

func main() {
	start := time.Now()
	errP := errors.New("parent cause")
	errC := errors.New("child cause")
	root, rootCancel := context.WithCancelCause(context.Background())
	a, aCancel := context.WithCancelCause(root)
	b, bCancel := context.WithCancel(root)
	v := context.WithValue(a, key("k"), "v")
	t, tCancel := context.WithTimeoutCause(v, time.Hour, errors.New("an hour passed"))
	wc := context.WithoutCancel(a)
	show := func(name string, c context.Context) {
		fmt.Println(name, "err:", c.Err(), "cause:", context.Cause(c))
	}
	show("root", root)
	show("a", a)
	aCancel(errC)
	aCancel(errors.New("second cause ignored"))
	fmt.Println("after aCancel(child cause):")
	show("a", a)
	show("v", v)
	show("t", t)
	show("wc", wc)
	show("root", root)
	show("b", b)
	rootCancel(errP)
	fmt.Println("after rootCancel(parent cause):")
	show("root", root)
	show("a", a)
	show("b", b)
	bCancel()
	tCancel()
	show("b", b)
	show("t", t)
	late, lateCancel := context.WithTimeout(root, time.Hour)
	show("late", late)
	lateCancel()
	lv := context.WithValue(late, key("x"), 1)
	show("value of late", lv)
	fmt.Println("Is(cause(t), Canceled):", errors.Is(context.Cause(t), context.Canceled), "t.Err() == Canceled:", t.Err() == context.Canceled)

	n, nCancel := context.WithCancelCause(context.Background())
	nCancel(nil)
	fmt.Println("cancel(nil): cause == Canceled:", context.Cause(n) == context.Canceled)
	show("background", context.Background())

	d, dCancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	dd, ddCancel := context.WithCancelCause(d)
	<-dd.Done()
	fmt.Println("at", time.Since(start))
	show("d", d)
	show("dd", dd)
	ddCancel(errors.New("too late"))
	dCancel()
	show("dd", dd)
}
