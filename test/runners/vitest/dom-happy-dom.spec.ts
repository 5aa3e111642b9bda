// @vitest-environment happy-dom
// Run by test/unit/synctest/runners.test.ts: Vitest's happy-dom environment.
import { test } from "gort/testing/vitest";
import { domBodies } from "../dom-bodies.ts";

for (const [name, body] of Object.entries(domBodies)) test(`happy-dom: ${name}`, body);
