// The public entry points: "gort/time" (package.json exports) and `time` from "gort".
import assert from "node:assert/strict";
import { test } from "node:test";
import { time as fromIndex } from "gort";
import * as fromSubpath from "gort/time";
import * as direct from "../../../src/time.ts";

test('"gort/time" and the `time` namespace of "gort" are src/time.ts', () => {
  assert.equal(fromSubpath.newTimer, direct.newTimer);
  assert.equal(fromIndex.newTimer, direct.newTimer);
  assert.equal(fromIndex.Timer, direct.Timer);
  const names = Object.keys(fromSubpath).sort();
  assert.deepEqual(names, Object.keys(fromIndex).sort());
  for (const n of [
    "Nanosecond",
    "Microsecond",
    "Millisecond",
    "Second",
    "Minute",
    "Hour",
    "durationString",
    "parseDuration",
    "sleep",
    "newTimer",
    "after",
    "afterFunc",
    "newTicker",
    "tick",
    "now",
    "since",
    "until",
    "unix",
    "Time",
    "Timer",
    "Ticker",
    "Duration",
    "DurationValue",
    "date",
    "parse",
    "parseInLocation",
    "ParseError",
    "unixMilli",
    "unixMicro",
    "Location",
    "UTC",
    "Local",
    "fixedZone",
    "loadLocation",
    "Month",
    "Weekday",
    "January",
    "December",
    "Sunday",
    "Saturday",
    "RFC3339",
    "RFC3339Nano",
    "Kitchen",
    "DateTime",
    "DateOnly",
    "TimeOnly",
    "Layout",
    "StampNano",
  ]) {
    assert.ok(names.includes(n), n);
  }
});
