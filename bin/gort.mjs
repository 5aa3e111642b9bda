#!/usr/bin/env node
// The gort command: registers tsx (so programs and gort itself run as TypeScript without a build step),
// then runs src/cli/main.ts in this process.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
