// Jest on TypeScript ES modules: run with NODE_OPTIONS=--experimental-vm-modules; .ts files go through
// transform.cjs (TypeScript's transpileModule, already a devDependency of gort).
import { fileURLToPath } from "node:url";

export default {
  rootDir: fileURLToPath(new URL(".", import.meta.url)),
  testMatch: ["**/*.spec.ts"],
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  transform: { "\\.ts$": fileURLToPath(new URL("./transform.cjs", import.meta.url)) },
  moduleNameMapper: {
    "^gort$": "<rootDir>/../../../src/index.ts",
    "^gort/(.*)$": "<rootDir>/../../../src/$1.ts",
  },
  // gort's wrappers in place before Jest copies the builtins a test file imports (setup.ts).
  setupFiles: ["<rootDir>/setup.ts"],
  testTimeout: 10_000,
};
