// Nested timeouts: a shorter child fires first and leaves the parent running; a shorter parent
// cancels a longer child with the parent's error.
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	parent, cancelP := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancelP()
	child, cancelC := context.WithTimeout(parent, 20*time.Millisecond)
	defer cancelC()
	<-child.Done()
	fmt.Println("child (20ms) done at", time.Since(start), "err:", child.Err(), "parent err:", parent.Err())
	<-parent.Done()
	fmt.Println("parent (50ms) done at", time.Since(start), "err:", parent.Err())

	mark := time.Now()
	p2, cancelP2 := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancelP2()
	c2, cancelC2 := context.WithTimeout(p2, 30*time.Millisecond)
	defer cancelC2()
	d, _ := c2.Deadline()
	fmt.Println("child (30ms) reports deadline", d.Sub(mark))
	<-c2.Done()
	fmt.Println("child done after", time.Since(mark), "err:", c2.Err(), "parent err:", p2.Err())
}
