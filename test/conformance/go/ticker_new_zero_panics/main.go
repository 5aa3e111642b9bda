// NewTicker with a non-positive interval panics.
package main

import (
	"fmt"
	"time"
)

func try(d time.Duration) {
	defer func() {
		fmt.Printf("NewTicker(%v) recovered: %v\n", d, recover())
	}()
	time.NewTicker(d)
}

func main() {
	try(0)
	try(-1)
	try(-time.Second)
	k := time.NewTicker(1)
	k.Stop()
	fmt.Println("NewTicker(1ns) is fine")
}
