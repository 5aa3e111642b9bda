// Cancelling a parent context cancels its children (err "context canceled"); cancelling a child
// does not affect the parent.
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	parent, cancelParent := context.WithCancel(context.Background())
	child1, cancel1 := context.WithCancel(parent)
	defer cancel1()
	child2, cancel2 := context.WithTimeout(parent, time.Hour)
	defer cancel2()
	grandchild, cancel3 := context.WithCancel(child1)
	defer cancel3()
	sibling, cancelSibling := context.WithCancel(parent)
	cancelSibling()
	fmt.Println("sibling err:", sibling.Err(), "parent err:", parent.Err())
	names := []string{"child1", "child2 (1h timeout)", "grandchild"}
	results := make([]string, len(names))
	done := make(chan bool)
	for i, c := range []context.Context{child1, child2, grandchild} {
		go func() {
			<-c.Done()
			results[i] = fmt.Sprintf("%s done at %v: %v", names[i], time.Since(start), c.Err())
			done <- true
		}()
	}
	time.Sleep(10 * time.Millisecond)
	cancelParent()
	for range names {
		<-done
	}
	for _, s := range results {
		fmt.Println(s)
	}
	fmt.Println("parent err:", parent.Err(), "cause:", context.Cause(parent))
}
