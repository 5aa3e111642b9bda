// Twin of test/conformance/go/time_string_monotonic: Time.String with and without a monotonic reading.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  println("now", start);
  await time.sleep(1500 * time.Millisecond);
  const t = time.now();
  println("after 1.5s", t);
  println("add 1ns", t.add(1));
  println("add -2h", t.add(-2 * time.Hour));
  println("round(0)", t.round(0));
  println("truncate(time.Second)", t.truncate(time.Second));
  println("utc", t.utc());
  println("local", t.local());
  println("in +01:00", t.in(time.fixedZone("", 3600)));
  println("adddate", t.addDate(0, 0, 1));
  const v = await time.after(250 * time.Millisecond).recv();
  println("after value", v);
  const tk = time.newTicker(time.Second);
  println("tick", await tk.c.recv());
  tk.stop();
  println(
    "sub mono",
    time.durationString(t.sub(start)),
    "sub wall",
    time.durationString(t.round(0).sub(start.round(0))),
  );
  println("zero", new time.Time());
  println("unix", time.unix(1257894000, 5));
  println("location", t.location(), time.unix(0, 0).location(), new time.Time().location());
}
