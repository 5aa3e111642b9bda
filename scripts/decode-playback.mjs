#!/usr/bin/env node
// Decodes the output of a Go program built with `-tags faketime` (Go's playground mode) into
// golden lines for the conformance oracle (see test/conformance/go/README.md).
//
// Under faketime the Go runtime prefixes every write to fd 1 and fd 2 with a 16-byte playback
// header (runtime/time_fake.go):
//
//   0x00 0x00 'P' 'B' | 8-byte big-endian timestamp (ns since 1970) | 4-byte big-endian length
//
// followed by `length` payload bytes. Header and payload are written under one runtime lock, so frames
// stay intact even when both fds go to the same pipe (`2>&1`), but the header does not say which fd a
// frame was written to. The oracle therefore captures stdout and stderr into separate files and this
// decoder merges them: the timestamp is max(faketime, previous timestamp + 1 if the fd changed), so it
// never decreases within an fd and strictly increases at every fd change, which makes the merge by
// timestamp exact (a frame written earlier on the other fd always has a smaller timestamp). Equal
// timestamps across fds cannot happen and are reported as an error.
//
// Output, one line per output line of the program:
//
//   <offset> <fd> <text>
//
//   offset  virtual time since the program started (faketime starts at 2009-11-10 23:00:00 UTC,
//           1257894000000000000 ns), as (ns / 1e6).toFixed(3) + "ms", e.g. "0.000ms", "10.000ms"
//   fd      1 (stdout) or 2 (stderr)
//   text    the line without its "\n"; an empty line is printed as "<offset> <fd>" (no trailing space)
//
// Payloads are split on "\n"; an unterminated line continues in the next frame of the same fd. A
// line is stamped with the timestamp of the frame that holds its first byte and is placed in the
// output in the order in which lines were started. A final unterminated line is emitted as is.
//
// Crash filter (on by default, --raw disables it): the runtime's crash report is not portable
// (addresses, file paths, line numbers). On fd 2, the first line that starts with "panic: " or
// "fatal error: " starts the crash report. That line is kept; after it, fd-2 lines are kept only if
// they are a goroutine header `goroutine <N> [<reason>]:` or another "panic: " / "fatal error: " line
// (also with a leading tab, as in nested panics). Everything else on fd 2 after the start (stack
// frames, "created by ..." lines, file paths, blank lines, "[signal ...]" lines) is dropped. fd-1
// lines are never filtered.
//
// Usage:
//   node scripts/decode-playback.mjs --stdout OUTFILE --stderr ERRFILE [--exit CODE] [--raw] [--start NS]
// With --exit CODE a final line `exit CODE` is appended.
//
// The functions are also exported for use from tests.

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Initial value of runtime.faketime: 2009-11-10 23:00:00 UTC in ns since 1970. */
export const FAKETIME_START_NS = 1257894000000000000n;

const HEADER_LEN = 16;

/**
 * Parses a playback stream into frames.
 * @param {Uint8Array} buf the raw bytes
 * @param {number} fd the fd the stream was written to (1 or 2)
 * @returns {{time: bigint, fd: number, data: Uint8Array}[]}
 */
export function parseFrames(buf, fd) {
  const frames = [];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = 0;
  while (pos < buf.length) {
    if (pos + HEADER_LEN > buf.length) {
      throw new Error(`truncated playback header at byte ${pos} (${buf.length - pos} bytes left)`);
    }
    if (buf[pos] !== 0 || buf[pos + 1] !== 0 || buf[pos + 2] !== 0x50 || buf[pos + 3] !== 0x42) {
      const excerpt = Buffer.from(buf.subarray(pos, pos + 40)).toString("latin1");
      throw new Error(
        `no playback header at byte ${pos}: ${JSON.stringify(excerpt)} (built without -tags faketime?)`,
      );
    }
    const time = view.getBigUint64(pos + 4, false);
    const len = view.getUint32(pos + 12, false);
    pos += HEADER_LEN;
    if (pos + len > buf.length) {
      throw new Error(`truncated playback payload at byte ${pos} (want ${len}, have ${buf.length - pos})`);
    }
    frames.push({ time, fd, data: buf.subarray(pos, pos + len) });
    pos += len;
  }
  return frames;
}

/**
 * Merges separately captured stdout and stderr frames into write order (see the top of this file).
 * @throws if a stdout and a stderr frame have the same timestamp (impossible for a faketime program)
 */
export function mergeFrames(outFrames, errFrames) {
  const merged = [];
  let i = 0;
  let j = 0;
  while (i < outFrames.length || j < errFrames.length) {
    if (i < outFrames.length && j < errFrames.length && outFrames[i].time === errFrames[j].time) {
      throw new Error(
        `stdout and stderr frames share timestamp ${outFrames[i].time}: not a faketime capture?`,
      );
    }
    if (j >= errFrames.length || (i < outFrames.length && outFrames[i].time < errFrames[j].time)) {
      merged.push(outFrames[i++]);
    } else {
      merged.push(errFrames[j++]);
    }
  }
  return merged;
}

/** Formats a virtual-time offset in ns as the golden offset, e.g. 10000000n -> "10.000ms". */
export function formatOffset(ns) {
  return `${(Number(ns) / 1e6).toFixed(3)}ms`;
}

/**
 * Turns frames into lines. Frames must carry their fd.
 * @returns {{time: bigint, fd: number, text: string}[]}
 */
export function framesToLines(frames) {
  const lines = [];
  const open = new Map(); // fd -> {entry, chunks}
  const decoder = new TextDecoder();
  const finish = (fd) => {
    const cur = open.get(fd);
    cur.entry.text = decoder.decode(Buffer.concat(cur.chunks));
    open.delete(fd);
  };
  for (const f of frames) {
    let start = 0;
    while (start < f.data.length) {
      let cur = open.get(f.fd);
      if (cur === undefined) {
        cur = { entry: { time: f.time, fd: f.fd, text: "" }, chunks: [] };
        lines.push(cur.entry);
        open.set(f.fd, cur);
      }
      const nl = f.data.indexOf(0x0a, start);
      const end = nl < 0 ? f.data.length : nl;
      cur.chunks.push(f.data.subarray(start, end));
      if (nl < 0) break;
      finish(f.fd);
      start = nl + 1;
    }
  }
  for (const fd of [...open.keys()]) finish(fd);
  return lines;
}

const CRASH_START = /^(panic: |fatal error: )/;
const CRASH_KEEP = /^(\t?panic: |fatal error: |goroutine \d+ \[[^\]]*\]:$)/;

/** Applies the crash filter described at the top of this file. */
export function filterCrash(lines) {
  let crashed = false;
  return lines.filter((l) => {
    if (l.fd !== 2) return true;
    if (!crashed) {
      if (CRASH_START.test(l.text)) crashed = true;
      return true;
    }
    return CRASH_KEEP.test(l.text);
  });
}

/** Renders lines (and an optional exit code) as golden text, one line each, "\n"-terminated. */
export function renderGolden(lines, { start = FAKETIME_START_NS, exitCode } = {}) {
  let out = "";
  for (const l of lines) {
    const head = `${formatOffset(l.time - start)} ${l.fd}`;
    out += l.text === "" ? `${head}\n` : `${head} ${l.text}\n`;
  }
  if (exitCode !== undefined) out += `exit ${exitCode}\n`;
  return out;
}

/**
 * Decodes separately captured stdout and stderr playback streams into golden text.
 * @param {Uint8Array} outBuf bytes written to fd 1
 * @param {Uint8Array} errBuf bytes written to fd 2
 * @param {{raw?: boolean, start?: bigint, exitCode?: number}} opts
 */
export function decodeSeparate(outBuf, errBuf, opts = {}) {
  const frames = mergeFrames(parseFrames(outBuf, 1), parseFrames(errBuf, 2));
  let lines = framesToLines(frames);
  if (!opts.raw) lines = filterCrash(lines);
  return renderGolden(lines, opts);
}

function parseArgs(argv) {
  const opts = { raw: false };
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--raw") opts.raw = true;
    else if (a === "--exit") opts.exitCode = Number.parseInt(value(), 10);
    else if (a === "--start") opts.start = BigInt(value());
    else if (a === "--stdout") opts.stdout = value();
    else if (a === "--stderr") opts.stderr = value();
    else if (a === "-h" || a === "--help") opts.help = true;
    else files.push(a);
  }
  return { opts, files };
}

function main() {
  const { opts, files } = parseArgs(process.argv.slice(2));
  if (opts.help || opts.stdout === undefined || opts.stderr === undefined || files.length > 0) {
    process.stderr.write(
      "usage: decode-playback.mjs --stdout FILE --stderr FILE [--exit CODE] [--raw] [--start NS]\n",
    );
    process.exit(opts.help ? 0 : 2);
  }
  if (opts.exitCode !== undefined && !Number.isInteger(opts.exitCode))
    throw new Error("--exit needs an integer");
  process.stdout.write(decodeSeparate(readFileSync(opts.stdout), readFileSync(opts.stderr), opts));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`decode-playback: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
