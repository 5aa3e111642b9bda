// context.Cause through WithValue and WithoutCancel: a value context reports its cancelling ancestor's
// cause; WithoutCancel hides it (nil); a child cancelled on its own keeps its cause when the parent's
// comes later; cancel(nil) gives Canceled as the cause; a second cancel changes nothing.
package main

import (
	"context"
	"errors"
	"fmt"
)

type key string

func main() {
	root, cancelRoot := context.WithCancelCause(context.Background())
	v := context.WithValue(root, key("k"), "v")
	wo := context.WithoutCancel(v)
	child, cancelChild := context.WithCancelCause(v)
	nilCause, cancelNil := context.WithCancelCause(v)
	cancelNil(nil)
	fmt.Println("cancel(nil):", nilCause.Err(), "/", context.Cause(nilCause))
	cancelChild(errors.New("child's own"))
	cancelRoot(errors.New("root's"))
	cancelRoot(errors.New("again"))
	fmt.Println("root:", root.Err(), "/", context.Cause(root))
	fmt.Println("value ctx:", v.Err(), "/", context.Cause(v), "value:", v.Value(key("k")))
	fmt.Println("child:", child.Err(), "/", context.Cause(child))
	fmt.Println("WithoutCancel:", wo.Err(), "/", context.Cause(wo), "value:", wo.Value(key("k")), "done nil:", wo.Done() == nil)
	fmt.Println("Background:", context.Cause(context.Background()))
	late, cancelLate := context.WithCancelCause(v)
	defer cancelLate(nil)
	fmt.Println("created after:", late.Err(), "/", context.Cause(late))
	tctx, cancelT := context.WithTimeoutCause(context.Background(), 0, errors.New("no time"))
	defer cancelT()
	fmt.Println("timeout 0 with cause:", tctx.Err(), "/", context.Cause(tctx))
}
