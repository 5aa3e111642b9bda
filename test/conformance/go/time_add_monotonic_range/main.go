// Time.Add keeps the monotonic reading (m=) however far it moves it, as long as the wall clock stays within
// Go's range for one: 1885-01-01 00:00:00 UTC to 2^33-1 s later (2157-03-16 12:56:31 UTC); one ns beyond
// either end drops it, and Sub then uses the wall clock. Readings beyond 2^53 ns (about 104 days) stay
// exact: Sub, Compare and Equal tell readings 1 ns apart there.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Now()
	fmt.Println("now", t)
	day := 24 * time.Hour
	year := 365 * day
	for _, d := range []time.Duration{104 * day, 105 * day, 200 * day, 100 * year, -100 * year, -124 * year, -125 * year, 147 * year, 148 * year} {
		u := t.Add(d)
		fmt.Println(d, u, u.Sub(t) == d)
	}
	a := t.Add(1 << 53)
	b := t.Add(1<<53 + 1)
	fmt.Println("2^53 ns", a)
	fmt.Println("2^53+1 ns", b, b.Sub(a), a.Sub(b), a.Compare(b), b.Compare(a), a.Before(b), b.Equal(a.Add(1)))
	lo := time.Date(1885, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := lo.Add((1<<33 - 1) * time.Second)
	for _, x := range []time.Time{lo, lo.Add(-1), hi, hi.Add(999999999), hi.Add(1e9)} {
		fmt.Println("bound", t.Add(x.Sub(t)))
	}
	back := t.Add(200 * day).Add(-200*day + 1)
	fmt.Println("there and back", back, back.Sub(t))
	far := t.Add(150 * year).Add(-150 * year)
	fmt.Println("past 2157 and back", far, far.Sub(t), far.Equal(t))
}
