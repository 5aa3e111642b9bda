// A module's own URL, also where a bundler has emptied import.meta.
//
// gort's ES modules read import.meta.url at load (to tell their own stack frames, to make a require for
// Node's built-ins). A CommonJS bundle of them (esbuild --format=cjs of an app that imports gort) leaves
// import.meta empty, so import.meta.url is undefined there; the bundle's own file stands in for it.
//
// Invariants:
//   u1. selfUrl returns an absolute file: URL for any input (never throws at a module's load).

import { pathToFileURL } from "node:url";

/** import.meta.url as given, or — undefined in a CommonJS bundle — the URL of the bundle's file (u1). */
export function selfUrl(metaUrl: string | undefined): string {
  if (typeof metaUrl === "string" && metaUrl !== "") return metaUrl;
  const file = typeof __filename === "string" ? __filename : `${process.cwd()}/gort-bundle.cjs`;
  return pathToFileURL(file).href;
}
