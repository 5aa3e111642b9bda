// Parse errors with Go's exact text: a value that does not match a chunk or a literal, out-of-range
// fields, extra text, day-of-year conflicts, bad zones and fractions; and values Go accepts leniently.
package main

import (
	"fmt"
	"time"
)

func main() {
	cases := [][2]string{
		{time.DateOnly, "x"},
		{time.DateOnly, "2023-02-30"},
		{time.DateOnly, "2023-13-01"},
		{time.DateOnly, "2023-00-10"},
		{time.DateOnly, "2023-1-10"},
		{time.DateOnly, "2023-01-10 extra"},
		{time.DateOnly, "23-01-10"},
		{time.DateTime, "2023-01-10 25:00:00"},
		{time.DateTime, "2023-01-10 23:61:00"},
		{time.DateTime, "2023-01-10 23:59:61"},
		{time.DateTime, "2023-01-10 23:59:59.123456789123"},
		{time.DateTime, "2023-01-10 23:59:59,5"},
		{time.DateTime, "2023-01-10T23:59:59"},
		{time.Kitchen, "13:04PM"},
		{time.Kitchen, "12:04AM"},
		{time.Kitchen, "12:04PM"},
		{time.Kitchen, "3:04XM"},
		{time.Kitchen, "3:04pm"},
		{"3:04pm", "3:04PM"},
		{time.RFC1123, "Tue, 10 Nov 2009 23:00:00 XYZ"},
		{time.RFC1123, "Tue, 10 Nov 2009 23:00:00 GMT+3"},
		{time.RFC1123, "Tue, 10 Nov 2009 23:00:00 Z"},
		{time.RFC1123, "Tue, 10 Nov 2009 23:00:00 ABCDEF"},
		{time.RFC1123, "Xyz, 10 Nov 2009 23:00:00 UTC"},
		{time.RFC1123, "tue, 10 nov 2009 23:00:00 UTC"},
		{time.RFC1123Z, "Tue, 10 Nov 2009 23:00:00 +2500"},
		{time.RFC1123Z, "Tue, 10 Nov 2009 23:00:00 +0061"},
		{time.RFC1123Z, "Tue, 10 Nov 2009 23:00:00 0700"},
		{"2006 002", "2024 366"},
		{"2006 002", "2023 366"},
		{"2006 002", "2024 060"},
		{"2006-01 002", "2024-03 060"},
		{"2006-01-02 002", "2024-02-28 060"},
		{"2006 __2", "2024   7"},
		{"Jan _2 2006", "Feb  3 2024"},
		{"Jan _2 2006", "Feb 3 2024"},
		{"2006-01-02 15:04:05.000", "2023-01-10 23:59:59.12"},
		{"2006-01-02 15:04:05.999", "2023-01-10 23:59:59"},
		{"2006-01-02 15:04:05.999", "2023-01-10 23:59:59.1234"},
		{"06-01-02", "68-01-02"},
		{"06-01-02", "69-01-02"},
		{"2006-01-02   15", "2023-01-10 7"},
		{"", ""},
		{"", "x"},
		{"quote\"\\", "quote\"x"},
	}
	for _, c := range cases {
		t, err := time.Parse(c[0], c[1])
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("ok: %q as %q -> %v\n", c[1], c[0], t)
	}
}
