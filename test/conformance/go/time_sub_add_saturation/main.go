// Time.Sub saturates at the int64 Duration limits (zero Time vs now, far-apart Unix times); Since of the
// zero Time; Add across the extremes; Unix/UnixMilli with out-of-range and negative parts; Compare,
// Before, After and Equal; Add keeps the monotonic reading for a year but drops it once the wall time
// leaves 1885–2157.
package main

import (
	"fmt"
	"math"
	"time"
)

func main() {
	var zero time.Time
	now := time.Now()
	fmt.Println("now - zero:", now.Sub(zero), "zero - now:", zero.Sub(now))
	fmt.Println("Since(zero):", time.Since(zero), "Until(zero):", time.Until(zero))
	far, past := time.Unix(1<<40, 0), time.Unix(-(1 << 40), 0)
	fmt.Println("far - past:", far.Sub(past), "past - far:", past.Sub(far))
	fmt.Println("far - now:", far.Sub(now))
	u := time.Unix(0, 0).UTC()
	fmt.Println("epoch + max:", u.Add(math.MaxInt64), "epoch + min:", u.Add(math.MinInt64))
	fmt.Println("(epoch + max) - epoch:", u.Add(math.MaxInt64).Sub(u), "(epoch + min) - epoch:", u.Add(math.MinInt64).Sub(u))
	fmt.Println("zero + min:", zero.Add(math.MinInt64), "zero - 1ns:", zero.Add(-1), "IsZero:", zero.Add(-1).IsZero())
	fmt.Println("Unix(0, -1):", time.Unix(0, -1).UTC(), "Unix(1, 2e9):", time.Unix(1, 2e9).UTC())
	fmt.Println("Unix(-1, -2e9):", time.Unix(-1, -2e9).UTC(), "Unix(0, 1e18):", time.Unix(0, 1e18).UTC())
	fmt.Println("UnixMilli(-1):", time.UnixMilli(-1).UTC(), "UnixMicro(-1001):", time.UnixMicro(-1001).UTC())
	fmt.Println("Unix(-1, 999999999).Unix():", time.Unix(-1, 999999999).Unix(), "UnixMilli:", time.Unix(-1, 999999999).UnixMilli(), "UnixNano:", time.Unix(-1, 999999999).UnixNano())
	a, b := now, now.Add(time.Nanosecond)
	fmt.Println("Compare:", a.Compare(b), b.Compare(a), a.Compare(a), "Before:", a.Before(b), "After:", a.After(b), "Equal:", a.Equal(a.Round(0)), a.Equal(a.UTC()))
	fmt.Println("add -1ns then Sub:", now.Add(-1).Sub(now))
	for _, d := range []time.Duration{24 * time.Hour, 200 * 24 * time.Hour, 365 * 24 * time.Hour, 100 * 365 * 24 * time.Hour, 150 * 365 * 24 * time.Hour, -100 * 365 * 24 * time.Hour, -130 * 365 * 24 * time.Hour} {
		t := now.Add(d)
		fmt.Println("now +", d, "=", t, "back:", t.Sub(now))
	}
}
