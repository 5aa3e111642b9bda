// A negative WaitGroup counter panics.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	wg.Done()
	func() {
		defer func() { fmt.Println("Done below zero recovered:", recover()) }()
		wg.Done()
	}()
	var wg2 sync.WaitGroup
	func() {
		defer func() { fmt.Println("Add(-1) recovered:", recover()) }()
		wg2.Add(-1)
	}()
}
