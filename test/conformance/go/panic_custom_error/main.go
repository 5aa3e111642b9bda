// An uncaught panic with a value of the program's own error type: the report prints its Error() text
// only, whatever the type is called.
package main

import (
	"fmt"
	"time"
)

type TimeoutError struct{ after time.Duration }

func (e *TimeoutError) Error() string { return fmt.Sprint("gave up after ", e.after) }

func main() {
	start := time.Now()
	time.Sleep(3 * time.Millisecond)
	var err error = &TimeoutError{time.Since(start)}
	fmt.Println("failing with", err)
	panic(err)
}
