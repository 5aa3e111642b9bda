// An uncaught panic with a float64 value: the runtime prints it in its own float format.
package main

import "time"

func main() {
	time.Sleep(time.Millisecond)
	panic(1.5)
}
