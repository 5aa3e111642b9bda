// Stop and Reset on a zero-value Timer panic; Stop on a zero-value Ticker is a no-op.
package main

import (
	"fmt"
	"time"
)

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(name, "panicked:", r)
		}
	}()
	f()
	fmt.Println(name, "returned")
}

func main() {
	try("Timer{}.Stop", func() { var t time.Timer; t.Stop() })
	try("Timer{}.Reset", func() { var t time.Timer; t.Reset(time.Second) })
	try("Ticker{}.Stop", func() { var k time.Ticker; k.Stop() })
	try("Ticker{}.Reset", func() { var k time.Ticker; k.Reset(time.Second) })
	try("(*Timer)(nil).Stop", func() { var t *time.Timer; t.Stop() })
}
