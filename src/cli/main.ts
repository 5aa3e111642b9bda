// The gort command (bin/gort.mjs loads this: dist/cli/main.js when installed, the source through tsx in
// a checkout). See args.ts for the command line.

import { readFileSync } from "node:fs";
import { parseArgs, usage } from "./args.ts";
import { runProgram } from "./run.ts";

/** gort's version, from package.json. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** Runs the command line; resolves with the exit status (rejects with Node's error if the file fails to load). */
export async function main(argv: readonly string[]): Promise<number> {
  const cmd = parseArgs(argv);
  switch (cmd.kind) {
    case "help":
      process.stdout.write(usage);
      return 0;
    case "version":
      process.stdout.write(`gort ${version()} (node ${process.version})\n`);
      return 0;
    case "error":
      process.stderr.write(`${cmd.message}\n`);
      return 2;
    case "run":
      return runProgram(cmd.options);
  }
}

// Go's program exits when main returns, whatever else is pending; so does gort's. A file that fails to
// load rejects here instead, and Node prints its error and exits with status 1, as `node file` would.
process.exit(await main(process.argv.slice(2)));
