// Imported before every test file (see package.json): turns every invariant checker on.
//
// GORT_FAULT=<name> (set by `npm run mutants`, scripts/mutants.ts) switches one seed fault of
// src/internal/debug.ts on for the whole file, before every test: tests that flip faults themselves end
// with clearFaults(), so the switch is set again before each test. A test that proves a fix by running its
// scenario "fault off, then fault on" fails in its first half under GORT_FAULT: that counts as catching.
import { beforeEach } from "node:test";
import { faults, setFault, setVerify } from "../src/internal/debug.ts";

setVerify(true);

// time.Local is the host's zone (Intl's default, which follows TZ); the tests and the Go goldens were
// written where Local is UTC, so pin it (Node re-reads TZ when it is assigned). GORT_KEEP_TZ=1 keeps yours.
if (process.env.GORT_KEEP_TZ !== "1") process.env.TZ = "UTC";

// Node 26's test runner starts each test file's process with --report-signal=SIGUSR2, which there also turns
// on reporting on that signal: the signal tests (signal.notify of SIGUSR2) then wrote a diagnostic report
// file into the working directory per signal. The signal still reaches the program's listeners either way.
process.report.reportOnSignal = false;

const fault = process.env.GORT_FAULT;
if (fault !== undefined && fault !== "") {
  if (!Object.hasOwn(faults, fault)) {
    throw new Error(`GORT_FAULT=${fault}: no such fault (one of ${Object.keys(faults).join(", ")})`);
  }
  const name = fault as keyof typeof faults;
  setFault(name, true);
  beforeEach(() => setFault(name, true));
}
