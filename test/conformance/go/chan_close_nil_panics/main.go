// Closing a nil channel panics, whether declared nil or set to nil after make.
package main

import (
	"fmt"
	"time"
)

func tryClose(name string, ch chan string) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(name, "recovered:", r)
		}
	}()
	close(ch)
	fmt.Println(name, "closed")
}

func main() {
	start := time.Now()
	var declared chan string
	tryClose("declared nil", declared)
	made := make(chan string, 1)
	tryClose("made", made)
	made = nil
	tryClose("made then set to nil", made)
	fmt.Println("done at", time.Since(start))
}
