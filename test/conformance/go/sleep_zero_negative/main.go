// Sleep(0) and negative sleeps return at once without advancing virtual time.
package main

import (
	"fmt"
	"math"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(0)
	fmt.Println("Sleep(0) returned at", time.Since(start))
	time.Sleep(-1)
	fmt.Println("Sleep(-1) returned at", time.Since(start))
	time.Sleep(-time.Hour)
	fmt.Println("Sleep(-1h) returned at", time.Since(start))
	time.Sleep(math.MinInt64)
	fmt.Println("Sleep(MinInt64) returned at", time.Since(start))
	time.Sleep(1)
	fmt.Println("Sleep(1ns) returned at", time.Since(start))
	time.Sleep(time.Microsecond)
	fmt.Println("Sleep(1us) returned at", time.Since(start))
}
