// Twin of test/conformance/go/time_parse_in_location: ParseInLocation in America/New_York, and Parse.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const ny = time.loadLocation("America/New_York");
  const cases: [string, string][] = [
    [time.DateTime, "2024-01-15 12:00:00"],
    [time.DateTime, "2024-07-15 12:00:00"],
    [time.DateTime, "2024-03-10 02:30:00"],
    [time.DateTime, "2024-03-10 03:30:00"],
    [time.DateTime, "2024-11-03 01:30:00"],
    [time.DateTime, "2024-11-03 02:30:00"],
    [time.RFC1123, "Mon, 15 Jan 2024 12:00:00 EST"],
    [time.RFC1123, "Mon, 15 Jul 2024 12:00:00 EDT"],
    [time.RFC1123, "Mon, 15 Jul 2024 12:00:00 EST"],
    [time.RFC1123, "Mon, 15 Jul 2024 12:00:00 PDT"],
    [time.RFC1123, "Mon, 15 Jul 2024 12:00:00 UTC"],
    [time.RFC1123Z, "Mon, 15 Jul 2024 12:00:00 -0400"],
    [time.RFC1123Z, "Mon, 15 Jul 2024 12:00:00 -0500"],
    [time.RFC3339, "2024-07-15T12:00:00-04:00"],
    [time.RFC3339, "2024-07-15T12:00:00+02:00"],
    [time.RFC3339, "2024-07-15T12:00:00Z"],
  ];
  for (const [layout, value] of cases) {
    try {
      const t = time.parseInLocation(layout, value, ny);
      println("in NY:", value, "->", t, "| utc", t.utc());
    } catch (e) {
      println("in NY error:", e);
    }
    try {
      println("  Parse:", time.parse(layout, value));
    } catch (e) {
      println("  Parse error:", e);
    }
  }
}
