// Parse with RFC3339 and RFC3339Nano: valid forms (Z, offsets, fractions of 1-9 and more digits, a comma,
// offsets of a whole day), and the values Go rejects, each with its error text.
package main

import (
	"fmt"
	"time"
)

func main() {
	values := []string{
		"2006-01-02T15:04:05Z",
		"2006-01-02T15:04:05+07:00",
		"2006-01-02T15:04:05-07:30",
		"2006-01-02T15:04:05+00:00",
		"2006-01-02T15:04:05-00:00",
		"2006-01-02T15:04:05.1Z",
		"2006-01-02T15:04:05.123456789Z",
		"2006-01-02T15:04:05.1234567891Z",
		"2006-01-02T15:04:05,5Z",
		"2006-01-02T15:04:05.Z",
		"2024-02-29T23:59:59.999999999-23:59",
		"0000-01-01T00:00:00Z",
		"9999-12-31T23:59:59Z",
		"2006-01-02T15:04:05+24:00",
		"2006-01-02T15:04:05+23:60",
		"2006-01-02t15:04:05Z",
		"2006-01-02 15:04:05Z",
		"2006-01-02T15:04:05",
		"2006-01-02",
		"2006-1-02T15:04:05Z",
		"2006-01-32T15:04:05Z",
		"2023-02-29T15:04:05Z",
		"2006-13-02T15:04:05Z",
		"2006-01-02T24:00:00Z",
		"2006-01-02T15:60:05Z",
		"2006-01-02T15:04:60Z",
		"2006-01-02T15:04:05+0700",
		"2006-01-02T15:04:05+07",
		"2006-01-02T15:04:05Zjunk",
		"2006-01-02T5:04:05Z",
		"10000-01-02T15:04:05Z",
		"",
		"x",
	}
	for _, layout := range []string{time.RFC3339, time.RFC3339Nano} {
		fmt.Println("layout", layout)
		for _, v := range values {
			t, err := time.Parse(layout, v)
			if err != nil {
				fmt.Println("  error:", err)
				continue
			}
			fmt.Println("  ok:", t, "|", t.Format(time.RFC3339Nano), "| utc", t.UTC())
		}
	}
}
