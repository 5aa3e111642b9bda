import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// "gort" and "gort/*" resolve to the sources here (the package's exports point at dist/, built by
// `npm run build`; test:consumers runs the built package).
const src = fileURLToPath(new URL("../../../src/", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^gort$/, replacement: `${src}index.ts` },
      { find: /^gort\/(.*)$/, replacement: `${src}$1.ts` },
    ],
  },
  test: {
    root: import.meta.dirname,
    include: ["**/*.spec.ts"],
    testTimeout: 10_000,
  },
});
