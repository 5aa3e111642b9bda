// Zones whose tzdata abbreviations CLDR (and so gort, which reads zones through Intl) does not have: the
// offsets agree, the letters do not (see the twin's deviation file).
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Date(2024, time.January, 15, 12, 0, 0, 0, time.UTC)
	for _, name := range []string{"Asia/Shanghai", "Asia/Seoul", "Asia/Jerusalem", "Asia/Karachi", "Asia/Manila", "Asia/Singapore", "Asia/Jakarta", "Europe/Istanbul", "Europe/Moscow"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			fmt.Println(name, err)
			continue
		}
		fmt.Println(name, t.In(loc).Format("2006-01-02 15:04:05 -0700 MST"))
	}
}
