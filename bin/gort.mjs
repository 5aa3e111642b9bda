#!/usr/bin/env node
// The gort command. Installed, it runs the compiled CLI in dist/. In a checkout of gort's repository
// (src/ is there, with tsx among the dev dependencies) it runs the TypeScript sources through tsx, so that
// programs importing ../src/index.ts share the CLI's runtime; `npm run build` is not needed there.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
let tsx = null;
if (existsSync(source)) {
  try {
    tsx = await import("tsx/esm/api");
  } catch {
    // a checkout without its dev dependencies: use dist/ if it was built
  }
}
if (tsx !== null) {
  tsx.register();
  await import(source.href);
} else {
  await import("../dist/cli/main.js");
}
