// --timestamps: prefix every line a program writes to stdout or stderr with a clock reading, "123.000ms ".
// Wraps the streams' write methods (console.log and process.stdout.write both go through them); each
// stream keeps its own "at the start of a line" state, so partial writes are prefixed once. The prefix is
// taken when the line's first character is written.

/** The ms-since-start prefix for a clock reading in ns since start. */
export function stampOf(nsSinceStart: number): string {
  return `${(nsSinceStart / 1e6).toFixed(3)}ms `;
}

/** Prefixes the start of every line of s; returns the text and whether s ended a line. */
export function prefixLines(s: string, atLineStart: boolean, prefix: () => string): [string, boolean] {
  if (s.length === 0) return [s, atLineStart];
  let out = "";
  let i = 0;
  let start = atLineStart;
  while (i < s.length) {
    const nl = s.indexOf("\n", i);
    const end = nl < 0 ? s.length : nl + 1;
    if (start) out += prefix();
    out += s.slice(i, end);
    start = nl >= 0;
    i = end;
  }
  return [out, start];
}

type WriteFn = NodeJS.WriteStream["write"];

/**
 * Wraps the write methods of the given streams so every line starts with `prefix()`. Returns the function
 * that restores them.
 */
export function stampStreams(streams: NodeJS.WriteStream[], prefix: () => string): () => void {
  const restores: (() => void)[] = [];
  for (const stream of streams) {
    const orig = stream.write;
    let atStart = true;
    const wrapped = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      let s: string;
      if (typeof chunk === "string") {
        const enc = typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : "utf8";
        s = enc === "utf8" || enc === "utf-8" ? chunk : Buffer.from(chunk, enc).toString("utf8");
      } else if (chunk instanceof Uint8Array) {
        s = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("utf8");
      } else return (orig as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
      const [text, next] = prefixLines(s, atStart, prefix);
      atStart = next;
      // A string encoding argument described the original chunk; the prefixed text is plain UTF-8.
      if (typeof rest[0] === "string") rest = rest.slice(1);
      return (orig as (...a: unknown[]) => boolean).call(this, text, ...rest);
    } as WriteFn;
    stream.write = wrapped;
    restores.push(() => {
      if (stream.write === wrapped) stream.write = orig;
    });
  }
  return () => {
    for (const r of restores) r();
  };
}
