// Twin of test/conformance/go/time_since_wall_only: since/until/sub with wall-only times (date, unix,
// round(0)) on the fake clock, which starts at 2009-11-10 23:00:00 UTC.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

const ds = time.durationString;

export async function main(): Promise<void> {
  const epoch = time.date(2009, time.November, 10, 23, 0, 0, 0, time.UTC);
  const start = time.now();
  println("Now equals the epoch:", start.equal(epoch), "Since(epoch):", ds(time.since(epoch)));
  await time.sleep(1500 * time.Millisecond);
  println("Since(epoch):", ds(time.since(epoch)), "Until(epoch+1h):", ds(time.until(epoch.add(time.Hour))));
  println(
    "Since(Unix):",
    ds(time.since(time.unix(epoch.unix(), 0))),
    "Since(start.Round(0)):",
    ds(time.since(start.round(0))),
  );
  println(
    "Now().Sub(start):",
    ds(time.now().sub(start)),
    "Now().Round(0).Sub(start):",
    ds(time.now().round(0).sub(start)),
  );
  println(
    "UnixMilli delta:",
    time.now().unixMilli() - start.unixMilli(),
    "Year:",
    time.now().year(),
    "YearDay:",
    time.now().yearDay(),
  );
  const d = time.now().truncate(time.Hour);
  println(
    "Truncate(hour):",
    d.format(time.RFC3339),
    "Until(next day):",
    ds(time.Duration.round(time.until(d.add(24 * time.Hour)), time.Minute)),
  );
}
