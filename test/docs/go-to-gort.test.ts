// docs/go-to-gort.md's second part maps Go's runtime functions to files and TypeScript symbols: every
// symbol it names must exist in the file it names, so the map cannot drift from the code.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { root } from "./examples.ts";

/** Every name a file declares at top level, and `Class.member` for each class member. */
function declared(file: string): Set<string> {
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const names = new Set<string>();
  const memberName = (m: ts.ClassElement): string | null => {
    if (ts.isConstructorDeclaration(m)) return "constructor";
    const n = m.name;
    if (n !== undefined && (ts.isIdentifier(n) || ts.isPrivateIdentifier(n))) return n.text;
    return null;
  };
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
      continue;
    }
    const name = (st as { name?: ts.Node }).name;
    if (name === undefined || !ts.isIdentifier(name)) continue;
    names.add(name.text);
    if (ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st)) {
      for (const m of st.members as ts.NodeArray<ts.ClassElement>) {
        const mn = memberName(m);
        if (mn !== null) names.add(`${name.text}.${mn}`);
      }
    }
  }
  return names;
}

interface Row {
  line: number;
  file: string;
  symbols: string[];
}

/** The rows of the tables after "## 2." whose second column is a file. */
function runtimeRows(md: string): Row[] {
  const lines = md.split("\n");
  const start = lines.findIndex((l) => l.startsWith("## 2."));
  assert.ok(start >= 0, 'docs/go-to-gort.md has no "## 2." section');
  const rows: Row[] = [];
  for (let i = start; i < lines.length; i++) {
    const l = lines[i];
    if (!l.startsWith("|")) continue;
    const cells = l
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length < 3) continue;
    const file = /^`([^`]+\.ts)`$/.exec(cells[1]);
    if (file === null) continue; // the header and separator rows
    const path = file[1].startsWith("src/") ? file[1] : `src/internal/runtime/${file[1]}`;
    const symbols = [...cells[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    rows.push({ line: i + 1, file: path, symbols });
  }
  return rows;
}

test("every runtime symbol docs/go-to-gort.md names exists in the file it names", () => {
  const md = readFileSync(join(root, "docs/go-to-gort.md"), "utf8");
  const rows = runtimeRows(md);
  assert.ok(rows.length > 100, `only ${rows.length} rows found`);
  const cache = new Map<string, Set<string>>();
  const missing: string[] = [];
  for (const r of rows) {
    const abs = join(root, r.file);
    if (!existsSync(abs)) {
      missing.push(`line ${r.line}: no file ${r.file}`);
      continue;
    }
    let names = cache.get(abs);
    if (names === undefined) {
      names = declared(abs);
      cache.set(abs, names);
    }
    assert.ok(r.symbols.length > 0, `line ${r.line}: no symbol`);
    for (const s of r.symbols) if (!names.has(s)) missing.push(`line ${r.line}: ${r.file} has no ${s}`);
  }
  assert.deepEqual(missing, [], missing.join("\n"));
});

// docs/go-to-gort.md's first part lists every Go name a user of time, context, sync, errgroup, semaphore,
// os/signal and runtime calls (from `go doc -all <pkg>` of Go 1.23; x/sync from its documentation), with
// its gort name or "—" and the reason. Each name must appear in the Go column of its section: a
// package-level name qualified (`time.After`), a constant as itself (`RFC3339`), a method or field as
// `.Name` or a cell of its own (`sync.WaitGroup`: `Add`, `Done`, `Wait`).
interface GoPackage {
  heading: string;
  names: string[];
  methods: string[];
}

const words = (s: string): string[] => s.split(/\s+/).filter((w) => w !== "");

const goPackages: GoPackage[] = [
  {
    heading: "package time",
    names: [
      ...words(`After AfterFunc Date FixedZone LoadLocation LoadLocationFromTZData NewTicker NewTimer Now Parse
        ParseDuration ParseInLocation Since Sleep Tick Unix UnixMicro UnixMilli Until Duration Location Month
        ParseError Ticker Time Timer Weekday Local UTC Layout Nanosecond Microsecond Millisecond Second Minute
        Hour January December Sunday Saturday`).map((n) => `time.${n}`),
      ...words(`ANSIC UnixDate RubyDate RFC822 RFC822Z RFC850 RFC1123 RFC1123Z RFC3339 RFC3339Nano Kitchen Stamp
        StampMilli StampMicro StampNano DateTime DateOnly TimeOnly`),
    ],
    // Duration, Location, Month, ParseError, Ticker, Time, Timer and Weekday methods; Timer/Ticker's C
    methods:
      words(`Abs Hours Microseconds Milliseconds Minutes Nanoseconds Round Seconds String Truncate Error
      Reset Stop Add AddDate After AppendFormat Before Clock Compare Date Day Equal Format GoString GobDecode
      GobEncode Hour ISOWeek In IsDST IsZero Local Location MarshalBinary MarshalJSON MarshalText Minute Month
      Nanosecond Second Sub UTC Unix UnixMicro UnixMilli UnixNano UnmarshalBinary UnmarshalJSON UnmarshalText
      Weekday Year YearDay Zone ZoneBounds C`),
  },
  {
    heading: "package context",
    names: words(`Canceled DeadlineExceeded AfterFunc Cause WithCancel WithCancelCause WithDeadline
      WithDeadlineCause WithTimeout WithTimeoutCause CancelCauseFunc CancelFunc Context Background TODO WithValue
      WithoutCancel`).map((n) => `context.${n}`),
    methods: words("Deadline Done Err Value"),
  },
  {
    heading: "package sync",
    names: words(`OnceFunc OnceValue OnceValues Cond NewCond Locker Map Mutex Once Pool RWMutex
      WaitGroup`).map((n) => `sync.${n}`),
    methods: words(`Broadcast Signal Wait Clear CompareAndDelete CompareAndSwap Delete Load LoadAndDelete
      LoadOrStore Range Store Swap Lock TryLock Unlock Do Get Put RLock RLocker RUnlock TryRLock Add Done L`),
  },
  {
    heading: "golang.org/x/sync/errgroup",
    names: words(`errgroup.Group errgroup.WithContext semaphore.NewWeighted semaphore.Weighted
      signal.NotifyContext signal.Notify signal.Stop signal.Ignore signal.Ignored signal.Reset`),
    methods: words("Go TryGo SetLimit Wait Acquire TryAcquire Release"),
  },
  {
    heading: "package runtime",
    names: words(`GOMAXPROCS Gosched Goexit NumGoroutine NumCPU GC ReadMemStats Stack Caller Callers
      LockOSThread UnlockOSThread KeepAlive SetFinalizer Version GOOS GOARCH`).map((n) => `runtime.${n}`),
    methods: [],
  },
];

/** The Go column (first cell) of every table row in the `### <heading>` section. */
function goColumn(md: string, heading: string): string {
  const lines = md.split("\n");
  const start = lines.findIndex((l) => l.startsWith("### ") && l.includes(heading));
  assert.ok(start >= 0, `docs/go-to-gort.md has no "### …${heading}…" section`);
  const cells: string[] = [];
  for (let i = start + 1; i < lines.length && !lines[i].startsWith("#"); i++) {
    if (lines[i].startsWith("|")) cells.push(lines[i].split("|")[1] ?? "");
  }
  return cells.join("\n");
}

const esc = (s: string): string => s.replace(/[.]/g, "\\.");

test("docs/go-to-gort.md maps every Go name of time, context, sync, x/sync, os/signal and runtime", () => {
  const md = readFileSync(join(root, "docs/go-to-gort.md"), "utf8");
  const missing: string[] = [];
  for (const pkg of goPackages) {
    const col = goColumn(md, pkg.heading);
    for (const n of pkg.names) {
      if (!new RegExp(`(^|[^A-Za-z0-9_.])${esc(n)}(?![A-Za-z0-9_])`).test(col))
        missing.push(`${pkg.heading}: ${n}`);
    }
    for (const m of pkg.methods) {
      if (!new RegExp(`(\\.${m}(?![A-Za-z0-9_])|\`${m}[(\`])`).test(col))
        missing.push(`${pkg.heading}: .${m}`);
    }
  }
  assert.deepEqual(missing, [], `not in docs/go-to-gort.md:\n${missing.join("\n")}`);
});
