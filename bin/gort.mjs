#!/usr/bin/env node
// The gort command. Installed, it runs the compiled CLI in dist/. In a checkout of gort's repository
// (src/ is there) it runs the TypeScript sources — with Node's own type stripping where Node has it (22.18+,
// 24, 26), else through tsx (a dev dependency) — so that programs importing ../src/index.ts share the
// CLI's runtime; `npm run build` is not needed there.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
let entry = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(source)) {
  if (process.features.typescript) entry = source;
  else {
    try {
      const tsx = await import("tsx/esm/api");
      tsx.register();
      entry = source;
    } catch {
      // a checkout without its dev dependencies: use dist/ if it was built
    }
  }
}
await import(entry.href);
