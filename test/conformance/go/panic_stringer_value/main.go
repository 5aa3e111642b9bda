// An uncaught panic whose value has a String method: the report prints what String returns.
package main

import (
	"fmt"
	"time"
)

type state struct{ name string }

func (s state) String() string { return fmt.Sprintf("state(%s)", s.name) }

func main() {
	time.Sleep(time.Millisecond)
	panic(state{"broken"})
}
