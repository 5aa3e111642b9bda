// @vitest-environment jsdom
// Run by test/unit/synctest/runners.test.ts: Vitest's jsdom environment.
import { test } from "gort/testing/vitest";
import { domBodies } from "../dom-bodies.ts";

for (const [name, body] of Object.entries(domBodies)) test(`jsdom: ${name}`, body);
