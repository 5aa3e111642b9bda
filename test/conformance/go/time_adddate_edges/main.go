// AddDate and Date normalisation: Jan 31 + 1 month, leap days, negative months and days, month 0 and 13,
// day 0 and 32, hour 24 and -1, huge nanoseconds, in UTC and across a DST change in New York.
package main

import (
	"fmt"
	"time"
)

func main() {
	base := []time.Time{
		time.Date(2023, time.January, 31, 10, 0, 0, 0, time.UTC),
		time.Date(2024, time.January, 31, 10, 0, 0, 0, time.UTC),
		time.Date(2024, time.February, 29, 23, 59, 59, 999999999, time.UTC),
		time.Date(2023, time.October, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2000, time.March, 31, 12, 0, 0, 0, time.UTC),
	}
	adds := [][3]int{{0, 1, 0}, {0, -1, 0}, {1, 0, 0}, {-1, 0, 0}, {0, 0, 1}, {0, 0, -1}, {0, 13, 0}, {0, -13, 0}, {4, 0, 0}, {0, 1, -1}, {0, 0, 366}, {-2000, 0, 0}}
	for _, t := range base {
		fmt.Println("base", t)
		for _, a := range adds {
			fmt.Println("  add", a, "->", t.AddDate(a[0], a[1], a[2]))
		}
	}
	fmt.Println(time.Date(2023, 0, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(time.Date(2023, 13, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(time.Date(2023, 3, 0, 0, 0, 0, 0, time.UTC))
	fmt.Println(time.Date(2023, 12, 32, 0, 0, 0, 0, time.UTC))
	fmt.Println(time.Date(2023, 1, 1, 24, 0, 0, 0, time.UTC))
	fmt.Println(time.Date(2023, 1, 1, -1, 0, 0, 0, time.UTC))
	fmt.Println(time.Date(2023, 1, 1, 0, -61, -61, -1, time.UTC))
	fmt.Println(time.Date(2023, 1, 1, 0, 0, 0, 3_000_000_000_123, time.UTC))
	fmt.Println(time.Date(2023, -25, -400, 0, 0, 0, 0, time.UTC))
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	t := time.Date(2024, time.March, 9, 2, 30, 0, 0, ny)
	fmt.Println("ny", t, "+1 day", t.AddDate(0, 0, 1), "+24h", t.Add(24*time.Hour))
	t = time.Date(2024, time.November, 2, 1, 30, 0, 0, ny)
	fmt.Println("ny", t, "+1 day", t.AddDate(0, 0, 1), "+24h", t.Add(24*time.Hour))
	fmt.Println("ny day 0", time.Date(2024, time.April, 0, 12, 0, 0, 0, ny))
}
