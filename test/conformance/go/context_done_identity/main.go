// Done channels: the same channel on every call; contexts cancelled before anyone asked for their Done
// share one closed channel; WithValue passes its parent's channel through; Background, TODO and
// WithoutCancel have a nil Done (a receive from it in a select never proceeds).
package main

import (
	"context"
	"fmt"
	"time"
)

type key struct{}

func main() {
	start := time.Now()
	a, cancelA := context.WithCancel(context.Background())
	fmt.Println("same channel twice:", a.Done() == a.Done())
	b, cancelB := context.WithCancel(context.Background())
	c, cancelC := context.WithTimeout(context.Background(), time.Hour)
	cancelB()
	cancelC()
	fmt.Println("cancelled before Done: b and c share a channel:", b.Done() == c.Done(), "a's is another:", a.Done() != b.Done())
	d := a.Done()
	cancelA()
	fmt.Println("a's channel kept after cancel:", a.Done() == d, "and is not the shared one:", d != b.Done())
	v := context.WithValue(a, key{}, 1)
	fmt.Println("WithValue passes Done through:", v.Done() == a.Done())
	fmt.Println("nil Done: Background", context.Background().Done() == nil, "TODO", context.TODO().Done() == nil,
		"WithoutCancel", context.WithoutCancel(a).Done() == nil)
	select {
	case <-context.WithoutCancel(a).Done():
		fmt.Println("nil Done ready?")
	case <-time.After(5 * time.Millisecond):
		fmt.Println("nil Done never ready: timeout at", time.Since(start))
	}
	e, cancelE := context.WithCancel(b)
	defer cancelE()
	fmt.Println("child of a cancelled context: done at once, shares the closed channel:", e.Err(), e.Done() == b.Done())
}
