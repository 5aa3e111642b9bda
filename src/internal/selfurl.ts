// A module's own URL, also where a bundler has emptied import.meta.
//
// gort's ES modules read import.meta.url at load (to tell their own stack frames, to make a require for
// Node's built-ins). A CommonJS bundle of them (esbuild --format=cjs of an app that imports gort) leaves
// import.meta empty, so import.meta.url is undefined there; the bundle's own file stands in for it.
//
// gort's own CommonJS bundle (dist/cjs/gort.cjs, scripts/build.mjs) defines import.meta.url as a stand-in
// inside dist/internal/runtime/, where the runtime's modules find the package root from it; it defines
// import.meta.filename as the bundle's __filename, the file that really runs.
//
// Invariants:
//   u1. selfUrl returns an absolute file: URL for any input (never throws at a module's load).
//   u2. selfFileUrl returns the file: URL of the file that runs: import.meta.filename's when given, else
//       selfUrl's (never throws at a module's load).

import { pathToFileURL } from "node:url";

/** import.meta.url as given, or — undefined in a CommonJS bundle — the URL of the bundle's file (u1). */
export function selfUrl(metaUrl: string | undefined): string {
  if (typeof metaUrl === "string" && metaUrl !== "") return metaUrl;
  const file = typeof __filename === "string" ? __filename : `${process.cwd()}/gort-bundle.cjs`;
  return pathToFileURL(file).href;
}

/**
 * The file: URL of the file this code runs from, for messages that name it (u2): import.meta.filename's
 * (Node's ES modules, and gort's CommonJS bundle, where import.meta.url is a stand-in), else — a host or
 * bundle that leaves it unset — selfUrl(metaUrl).
 */
export function selfFileUrl(metaFilename: string | undefined, metaUrl: string | undefined): string {
  if (typeof metaFilename === "string" && metaFilename !== "") return pathToFileURL(metaFilename).href;
  return selfUrl(metaUrl);
}
