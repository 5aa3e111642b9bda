// LoadLocation of zones around the world, read at instants across their DST changes and in the past:
// the offset and abbreviation Go's tzdata gives (the zones whose letters CLDR also has, or that have
// none: "+04", "-03"), and Date of local times in each zone.
package main

import (
	"fmt"
	"time"
)

func main() {
	zones := []string{
		"America/Los_Angeles", "America/Chicago", "America/Sao_Paulo", "America/St_Johns", "Europe/London",
		"Europe/Paris", "Africa/Johannesburg", "Africa/Lagos", "Asia/Dubai", "Asia/Kolkata",
		"Asia/Kathmandu", "Asia/Tokyo", "Australia/Sydney", "Australia/Adelaide", "Pacific/Auckland",
		"Pacific/Chatham", "Pacific/Honolulu", "Etc/GMT+5", "UTC",
	}
	instants := []time.Time{
		time.Date(2024, time.January, 15, 12, 0, 0, 0, time.UTC),
		time.Date(2024, time.July, 15, 12, 0, 0, 0, time.UTC),
		time.Date(2024, time.March, 31, 0, 59, 59, 0, time.UTC),
		time.Date(2024, time.March, 31, 1, 0, 0, 0, time.UTC),
		time.Date(2024, time.October, 6, 15, 59, 59, 0, time.UTC),
		time.Date(2024, time.October, 6, 16, 0, 0, 0, time.UTC),
		time.Date(1990, time.June, 1, 0, 0, 0, 0, time.UTC),
	}
	const layout = "2006-01-02 15:04:05 -07:00:00 MST"
	for _, name := range zones {
		loc, err := time.LoadLocation(name)
		if err != nil {
			fmt.Println(name, err)
			continue
		}
		fmt.Println(name)
		for _, t := range instants {
			fmt.Println("  ", t.In(loc).Format(layout))
		}
		fmt.Println("   date", time.Date(2024, time.June, 30, 23, 30, 0, 0, loc).Format(layout))
	}
}
