// Twin of test/conformance/go/time_zones_world: zones around the world through Intl, across DST changes.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const zones = [
    "America/Los_Angeles",
    "America/Chicago",
    "America/Sao_Paulo",
    "America/St_Johns",
    "Europe/London",
    "Europe/Paris",
    "Africa/Johannesburg",
    "Africa/Lagos",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Australia/Adelaide",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Pacific/Honolulu",
    "Etc/GMT+5",
    "UTC",
  ];
  const instants = [
    time.date(2024, time.January, 15, 12, 0, 0, 0, time.UTC),
    time.date(2024, time.July, 15, 12, 0, 0, 0, time.UTC),
    time.date(2024, time.March, 31, 0, 59, 59, 0, time.UTC),
    time.date(2024, time.March, 31, 1, 0, 0, 0, time.UTC),
    time.date(2024, time.October, 6, 15, 59, 59, 0, time.UTC),
    time.date(2024, time.October, 6, 16, 0, 0, 0, time.UTC),
    time.date(1990, time.June, 1, 0, 0, 0, 0, time.UTC),
  ];
  const layout = "2006-01-02 15:04:05 -07:00:00 MST";
  for (const name of zones) {
    let loc: time.Location;
    try {
      loc = time.loadLocation(name);
    } catch (e) {
      println(name, e);
      continue;
    }
    println(name);
    for (const t of instants) println("  ", t.in(loc).format(layout));
    println("   date", time.date(2024, time.June, 30, 23, 30, 0, 0, loc).format(layout));
  }
}
